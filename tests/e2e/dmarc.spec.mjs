// DMARC aggregate reports by lane: three providers' reports dropped in, each
// lane's pass rate, an unexplained source, the verdict for quarantine; and
// monitoring that turns a lane to Act on one bad day.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { Planner } from "./planner.mjs";

const reports = "tests/fixtures/dmarc/";

async function openReports(app) {
  await app.open();
  await app.goTo("dmarc");
  await expect(app.page.locator("#dmarc-heading")).toBeVisible();
}

test("three reports show each lane's pass rate, an unexplained source and the quarantine verdict", async ({ page, context }) => {
  const app = new Planner(page);
  await openReports(app);
  await expect(page.locator("#dmarc-lanes")).toHaveCount(0);
  await page.locator("#dmarc-files").setInputFiles([
    reports + "google.zip",
    reports + "outlook.zip",
    reports + "yahoo.xml.gz",
  ]);
  const outcome = page.locator("#dmarc-import-report");
  await expect(outcome).toContainText("google.zip: 1 report");
  await expect(outcome).toContainText("outlook.zip: 1 report");
  await expect(outcome).toContainText("yahoo.xml.gz: 1 report");
  const lanes = page.locator("#dmarc-lanes");
  for (const lane of ["Transactional", "Revenue flows", "Promotional"]) {
    await expect(lanes.locator("tr", { hasText: lane })).toContainText("%");
  }
  await expect(page.locator("#dmarc-unexplained tbody tr").first()).toBeVisible();
  await expect(page.locator("#dmarc-readiness")).toContainText("quarantine");
  await expect(page.locator("#dmarc-chart svg[role=img]")).toBeVisible();
  // The same files again count once.
  await page.locator("#dmarc-files").setInputFiles([reports + "google.zip"]);
  await expect(outcome).toContainText("seen before and counted once");
  // One organisation's reports come out on their own, after asking, and stay out after a reload.
  const reporters = page.locator("#dmarc-reporters");
  await reporters.locator("summary").click();
  await expect(reporters.locator("tbody tr")).toHaveCount(3);
  const summary = page.locator(".dmarc .summary");
  await expect(summary).toContainText("3 reports");
  // A second tab on the same plan follows the removal without a reload.
  const second = await context.newPage();
  const other = new Planner(second);
  await second.goto(page.url());
  await other.goTo("dmarc");
  await expect(second.locator(".dmarc .summary")).toContainText("3 reports");
  await reporters.getByRole("button", { name: "Remove google.com's reports" }).click();
  await reporters.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(reporters.locator("tbody tr")).toHaveCount(2);
  await expect(reporters.locator("tbody")).not.toContainText("google.com");
  await expect(summary).toContainText("2 reports");
  await expect(reporters.locator("summary")).toBeFocused();
  await expect(second.locator(".dmarc .summary")).toContainText("2 reports");
  other.expectNoErrors();
  await page.reload();
  await app.goTo("dmarc");
  await expect(summary).toContainText("2 reports");
  app.expectNoErrors();
});

test("a source checked and found not the brand's own stops blocking, and can be taken back", async ({ page }) => {
  const app = new Planner(page);
  await openReports(app);
  await page.locator("#dmarc-files").setInputFiles([
    reports + "google.zip",
    reports + "outlook.zip",
    reports + "yahoo.xml.gz",
  ]);
  const readiness = page.locator("#dmarc-readiness");
  await expect(readiness.locator("> p").first()).toContainText("is blocked");
  await expect(readiness.locator(".blockers")).toContainText("192.0.2.140");
  await readiness.getByRole("button", { name: "Mark 192.0.2.140 not ours" }).click();
  await expect(readiness.locator("> p").first()).toContainText("is safe");
  await expect(readiness.locator(".blockers")).toHaveCount(0);
  await expect(page.locator("#dmarc-not-ours")).toContainText("192.0.2.140");
  await expect.poll(async () => (await app.savedPlan()).plan.dmarc.not_ours).toEqual(["192.0.2.140"]);
  await page.getByRole("button", { name: "Take back: 192.0.2.140 is ours" }).click();
  await expect(readiness.locator("> p").first()).toContainText("is blocked");
  await expect(page.locator("#dmarc-not-ours")).toHaveCount(0);
  app.expectNoErrors();
});

test("a broken report is refused with its place and the others still count", async ({ page }) => {
  const app = new Planner(page);
  await openReports(app);
  await page.locator("#dmarc-files").setInputFiles([
    reports + "broken/malformed.xml",
    reports + "google.zip",
  ]);
  const outcome = page.locator("#dmarc-import-report");
  await expect(outcome).toContainText("malformed.xml");
  await expect(outcome).toContainText(/line \d+/);
  await expect(outcome).toContainText("google.zip: 1 report");
  await expect(page.locator("#dmarc-lanes")).toBeVisible();
  app.expectNoErrors();
});

test("a report about another brand's domain is kept but said to be left out of the sums", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.setField("brand-domain", "otherbrand.example");
  await app.goTo("dmarc");
  await page.locator("#dmarc-files").setInputFiles([reports + "google.zip"]);
  const outcome = page.locator("#dmarc-import-report");
  await expect(outcome).toContainText(
    "google.zip: 1 report. It is about fernleafcoffee.com, not this plan's domain, so the sums leave it out.",
  );
  await expect(page.locator("#dmarc-other-domains")).toContainText("about fernleafcoffee.com");
  app.expectNoErrors();
});

test("one day's report draws a dash, a backwards period says so, and removing every report asks first", async ({ page }) => {
  const app = new Planner(page);
  await openReports(app);
  await page.locator("#dmarc-files").setInputFiles([reports + "google.zip"]);
  await expect(page.locator("#dmarc-import-report")).toContainText("google.zip: 1 report");
  // A flat dash has no height, so it is checked by its drawing, not its box.
  await expect(page.locator("#dmarc-chart path.rate").first()).toHaveAttribute("d", /^M[\d.]+,[\d.]+ H[\d.]+ $/);
  // A first day after the last is explained, not summarised as empty.
  const to = await page.locator("#dmarc-to").inputValue();
  const later = new Date(Date.parse(to) + 86_400_000).toISOString().slice(0, 10);
  await app.setField("dmarc-from", later);
  await expect(page.locator(".dmarc")).toContainText("The first day is after the last.");
  await expect(page.locator("#dmarc-lanes")).toHaveCount(0);
  // Removing asks, and Cancel keeps every report.
  await page.getByRole("button", { name: "Remove every report…" }).click();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.locator(".dmarc .summary")).toContainText("1 report,");
  await page.getByRole("button", { name: "Remove every report…" }).click();
  await page.getByRole("button", { name: "Remove every report", exact: true }).click();
  await expect(page.locator(".dmarc")).toContainText("No reports yet.");
  await expect(page.locator("#dmarc-heading")).toBeFocused();
  app.expectNoErrors();
});

test("a lane's single bad day turns it to Act", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("monitoring");
  await page.locator("#monitor-files").setInputFiles("tests/fixtures/monitoring/bad-day.csv");
  const lane = page.locator("#health-revenue-flows");
  await expect(lane.locator(".health-status")).toHaveText("Act");
  await expect(lane).toContainText("2027-03-02");
  await expect(lane).toContainText("0.50%");
  app.expectNoErrors();
});

test.describe("without the service worker", () => {
  // The service worker would fetch the worker's code past the route.
  test.use({ serviceWorkers: "block" });

  test("a report worker failure is shown with the plan whose import it stopped", async ({ page, context }) => {
    await context.route(/\/reports-[0-9a-f]{16}_bg\.wasm$/, (route) => route.abort());
    const app = new Planner(page);
    await openReports(app);
    await page.locator("#dmarc-files").setInputFiles([reports + "google.zip"]);
    const failed = page.locator("p.finding.error", { hasText: "The report worker failed" });
    await expect(failed).toBeVisible();
    await page.getByRole("button", { name: "New plan" }).click();
    await expect(page.locator("#plan-picker option")).toHaveCount(2);
    await app.goTo("dmarc");
    await expect(page.locator("#dmarc-heading")).toBeVisible();
    await expect(failed).toHaveCount(0);
    await app.choose("plan-picker", "sample-fernleaf");
    await app.goTo("dmarc");
    await expect(failed).toBeVisible();
    // Once the code loads again, the next import starts a new worker.
    await context.unrouteAll();
    await page.locator("#dmarc-files").setInputFiles([reports + "google.zip"]);
    await expect(page.locator("#dmarc-import-report")).toContainText("google.zip: 1 report");
    await expect(failed).toHaveCount(0);
  });
});

test("two reporters that saw different policies on one day are pointed out", async ({ page }) => {
  const app = new Planner(page);
  await openReports(app);
  // One day's report from two organisations: the second saw quarantine.
  const fastmail = await readFile(reports + "rfc9990.xml", "utf8");
  const other = fastmail
    .replaceAll("fastmail.com", "mail.example.net")
    .replace("fm-1804118400-7c1e", "en-1804118400-1")
    .replace("<p>none</p>", "<p>quarantine</p>");
  await page.locator("#dmarc-files").setInputFiles([
    { name: "fastmail.xml", mimeType: "text/xml", buffer: Buffer.from(fastmail) },
    { name: "example-net.xml", mimeType: "text/xml", buffer: Buffer.from(other) },
  ]);
  const outcome = page.locator("#dmarc-import-report");
  await expect(outcome).toContainText("fastmail.xml: 1 report");
  await expect(outcome).toContainText("example-net.xml: 1 report");
  const warning = page.getByText("Reporters saw different DMARC policies published for fernleafcoffee.com").first();
  await expect(warning).toBeVisible();
  await expect(warning).toContainText("mail.example.net");
  await expect(warning).toContainText("fastmail.com");
  app.expectNoErrors();
});
