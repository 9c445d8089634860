// The platform page: whether the plan can be built on Customer.io and each
// ESP, a Customer.io conflict made and fixed in one step, and every vendor
// file downloaded.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { Planner } from "./planner.mjs";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function openPlatform(app) {
  await app.open();
  await app.goTo("platform");
  await expect(app.page.locator("#platform-heading")).toBeVisible();
}

test("the sample plan fits Customer.io with four servers", async ({ page }) => {
  const app = new Planner(page);
  await openPlatform(app);
  await expect(page.locator("#platform-kind")).toHaveValue("customer_io");
  await expect(page.locator("#platform-all-emails")).toHaveValue("transactional");
  const servers = page.locator("#cio-servers tbody tr");
  await expect(servers).toHaveCount(4);
  await expect(servers.first()).toContainText("All Emails");
  await expect(servers.first()).toContainText("Transactional");
  await expect(page.locator("#cio-servers")).toContainText("Newsletters");
  await expect(page.locator("#cio-conflicts")).toContainText("Every journey can go to its planned lane");
  const fit = page.locator("#platform-fit");
  await expect(fit.locator("tbody tr")).toHaveCount(3);
  await expect(fit).toContainText("As planned");
  app.expectNoErrors();
});

test("a Customer.io conflict is shown and fixed in one undoable step", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-welcome-edit").click();
  // The welcome series is event triggered, like cart recovery, which stays
  // on Revenue flows: Customer.io cannot send it through Promotional.
  await app.choose("journey-welcome-lane", "promotional");
  // Problems names the journey's Lane field, and Open lands on it.
  await app.goTo("problems");
  const problem = page.locator("li.problem", { hasText: "cannot go to Promotional" });
  await expect(problem).toContainText("Journey “Welcome series” › lane");
  await problem.getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#journey-welcome-lane")).toBeFocused();
  await app.goTo("platform");
  const conflicts = page.locator("#cio-conflicts");
  await expect(conflicts).toContainText("Welcome series");
  await expect(conflicts).toContainText("Event Triggered");
  const fix = conflicts.getByRole("button", { name: /Apply/ });
  await fix.click();
  await expect(conflicts).toContainText("Every journey can go to its planned lane");
  const download = await app.exportPlan();
  const plan = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(plan.journeys.find((j) => j.id === "welcome").lane_override).toBe("revenue-flows");
  // The whole fix is one step: one undo brings the conflict back.
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(conflicts).toContainText("Welcome series");
  app.expectNoErrors();
});

test("turning Customer.io off and on keeps the page's choices", async ({ page }) => {
  const app = new Planner(page);
  await openPlatform(app);
  await app.choose("platform-kind", "own_code");
  await expect(page.locator("#cio-servers")).toHaveCount(0);
  await app.choose("platform-kind", "customer_io");
  await expect(page.locator("#cio-servers tbody tr")).toHaveCount(4);
  app.expectNoErrors();
});

const files = [
  "customer-io-smtp-servers.yaml",
  "sendgrid-requests.json",
  "sendgrid-setup.sh",
  "ses-cloudformation.yaml",
  "ses.tf",
  "postmark-requests.json",
  "mailgun-requests.json",
  "kumomta-sources.toml",
  "kumomta-queues.toml",
  "kumomta-shaping.toml",
  "listmonk-smtp.json",
  "dns-cloudflare.tf",
  "dns-route53.tf",
];

// One test per file: Chromium stops a page's downloads after about ten in
// a row, as a guard against sites that flood the disk.
for (const name of files) {
  test(`${name} downloads, non-empty and free of secrets`, async ({ page }) => {
    const app = new Planner(page);
    await openPlatform(app);
    const pending = page.waitForEvent("download");
    await page.getByRole("button", { name: `Download ${name}` }).click();
    const download = await pending;
    expect(download.suggestedFilename()).toBe(name);
    const text = await readFile(await download.path(), "utf8");
    expect(text.length).toBeGreaterThan(100);
    expect(text).not.toMatch(/BEGIN (RSA )?PRIVATE KEY/);
    expect(text).toMatch(/transactional|revenue-flows|promotional|fernleaf/i);
    app.expectNoErrors();
  });
}

test("a vendor file copies to the clipboard", async ({ page }) => {
  const app = new Planner(page);
  await openPlatform(app);
  const copy = page.getByRole("button", { name: "Copy listmonk-smtp.json" });
  await copy.click();
  await expect(copy).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(JSON.parse(copied).smtp.length).toBe(3);
  app.expectNoErrors();
});
