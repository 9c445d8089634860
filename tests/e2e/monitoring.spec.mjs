// The monitoring flows: vendors' files dropped in, their lane keys mapped,
// a lane turning to "act" with its fallback trigger, the weekly review, a
// broken file reported by line, a cancelled import, the counts kept
// across a reload, and files forgotten.
import { test, expect } from "@playwright/test";
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { Planner } from "./planner.mjs";

const fixtures = "tests/fixtures/monitoring/";

async function openMonitoring(page) {
  const app = new Planner(page);
  await app.open();
  await app.goTo("monitoring");
  await expect(page.locator("#health-heading")).toBeVisible();
  return app;
}

test("SendGrid and SES files are mapped to lanes, a lane turns to act and its fallback fires", async ({ page }) => {
  const app = await openMonitoring(page);
  const promo = page.locator("#health-promotional");
  await expect(promo).toContainText("No data");
  // Drop two files at once on the drop zone.
  const files = await Promise.all(["sendgrid.json", "ses.ndjson"].map(async (name) => ({
    name, mimeType: "application/json", buffer: await readFile(fixtures + name),
  })));
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([new Uint8Array(f.buffer)], f.name, { type: f.mimeType }));
    return dt;
  }, files.map((f) => ({ ...f, buffer: [...f.buffer] })));
  await page.locator(".drop-zone").dispatchEvent("drop", { dataTransfer });
  const report = page.locator(".import-report");
  await expect(report).toContainText("sendgrid.json: SendGrid Event Webhook, 16 records.");
  await expect(report).toContainText("ses.ndjson: Amazon SES event publishing, 9 records.");
  // The keys are found with their volume; neither is mapped yet.
  const pool = page.locator(".key-table tr", { hasText: "SendGrid IP pool" });
  await expect(pool).toContainText("promo");
  await expect(pool.locator("select")).toHaveValue("");
  // “promo” guesses at promotions, but the promotional lane sends through
  // Amazon SES, so a SendGrid pool is not suggested for it.
  await expect(pool).not.toContainText("suggests");
  // Map the SendGrid pool by hand: its complaints are far over 0.3%, but
  // on a handful of messages, too few to act on.
  await app.choose(await pool.locator("select").getAttribute("id"), "promotional");
  await expect(promo.locator(".health-status")).toHaveText("Watch");
  await expect(promo).toContainText(/complaints 33\.33% reach the 0\.3% action line, but on only \d+ delivered, too little mail to act on/);
  await expect(promo.locator(".fallback")).toContainText("Fallback not triggered.");
  // A day of real volume over the line: the lane acts and its fallback fires.
  await page.locator("#monitor-files").setInputFiles({
    name: "promo-day.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "date,lane,mailbox_provider,sent,delivered,hard_bounces,soft_bounces,complaints,opens,clicks,unsubscribes,revenue\n" +
      "2027-03-01,promotional,gmail.com,2000,1990,10,0,9,400,50,3,900\n",
    ),
  });
  await expect(report).toContainText("promo-day.csv: Per-day CSV, 1 record.");
  await expect(promo.locator(".health-status")).toHaveText("Act");
  await expect(promo).toContainText(/complaints 0\.\d\d% reach the 0\.3% action line/);
  // The complaint chart reads out each day, like the other charts.
  const complaints = promo.locator("figure.health-chart").first();
  await complaints.locator(".plot").focus();
  await page.keyboard.press("End");
  await expect(complaints.locator(".readout")).toContainText(/^\d{4}-\d\d-\d\d \(\w{3}\): Complaints ([\d.]+%(, past the (watch|action) line)?|no mail)\.$/);
  await expect(promo.locator(".fallback")).toContainText("Fallback trigger fired on 2027-03-01: complaints");
  await expect(promo.locator(".fallback")).toContainText("The plan: Pause promotions on the lane.");
  await expect(app.tab("monitoring").locator(".badge")).toHaveText("1");
  // The SES configuration set by its suggestion.
  const ses = page.locator(".key-table tr", { hasText: "SES configuration set" });
  await ses.getByRole("button", { name: "Map to Promotional" }).press("Enter");
  await expect(ses.locator("select")).toHaveValue("promotional");
  // The button went with the suggestion; the row's select has the focus.
  await expect(ses.locator("select")).toBeFocused();
  const saved = await app.savedPlan();
  expect(saved.plan.monitoring.mapping).toContainEqual({ kind: "sendgrid_pool", key: "promo", lane: "promotional" });
  // The weekly review, per lane.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the weekly review (Markdown)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("switchyard-fernleaf-coffee-weekly-review.md");
  const text = await readFile(await file.path(), "utf8");
  expect(text).toContain("## Promotional");
  expect(text).toContain("Status: Act");
  expect(text).toContain("| 2027-03-01 |");
  const csv = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the weekly review (CSV)" }).click();
  const csvText = await readFile(await (await csv).path(), "utf8");
  expect(csvText.split("\n")[0]).toBe("lane,week_starting,sent,delivered_percent,hard_bounce_percent,soft_bounce_percent,complaint_percent,unsubscribe_percent,open_percent,click_percent,revenue_per_recipient,status");
  expect(csvText).toContain("Promotional,2027-03-01,");
  // The counts are kept in the browser: a reload finds them.
  await page.reload();
  await expect(app.tab("monitoring")).toHaveAttribute("aria-current", "page");
  await expect(page.locator("#health-promotional .health-status")).toHaveText("Act");
  await expect(page.locator(".source-list")).toContainText("sendgrid.json");
  app.expectNoErrors();
});

test("after a reload, a file sharing days with a kept one says so, importing both again counts each event once, and forgetting one counts the other without it", async ({ page }) => {
  const app = await openMonitoring(page);
  const report = page.locator(".import-report");
  await page.locator("#monitor-files").setInputFiles(fixtures + "sendgrid.json");
  await expect(report).toContainText("sendgrid.json: SendGrid Event Webhook, 16 records.");
  await page.reload();
  await app.goTo("monitoring");
  // A file whose events overlap the kept file's cannot be checked against them.
  await page.locator("#monitor-files").setInputFiles(fixtures + "sendgrid.ndjson");
  await expect(report).toContainText("It shares 1 day with sendgrid.json, imported before this plan was last opened on the page, so their event ids are no longer held: an event in both is counted twice.");
  // Both again, together: as if imported in that order, the .json counts
  // the shared events and the .ndjson drops them, each is counted once,
  // and nothing is reported.
  await page.locator("#monitor-files").setInputFiles([fixtures + "sendgrid.json", fixtures + "sendgrid.ndjson"]);
  await expect(report).toContainText("sendgrid.json: SendGrid Event Webhook, 16 records.");
  await expect(report).toContainText("sendgrid.ndjson: SendGrid Event Webhook, 7 records, 7 duplicates dropped.");
  await expect(report).not.toContainText("It shares");
  // The worker holds both files, so forgetting the one that counted the
  // shared events first asks nothing more, and the other counts them.
  const json = page.locator(".source-list li", { hasText: "sendgrid.json" });
  const ndjson = page.locator(".source-list li", { hasText: "sendgrid.ndjson" });
  await page.getByRole("button", { name: "Forget sendgrid.json" }).click();
  await expect(json).toContainText("Forget sendgrid.json? Its counts leave this browser");
  await expect(json).not.toContainText("any it shared with this one");
  await page.getByRole("button", { name: "Forget file" }).click();
  await expect(page.locator(".import-report")).toHaveText("Forgot sendgrid.json: its counts left this browser.");
  await expect(ndjson).toContainText("7 records, 1 duplicate dropped");
  // Imported again, it comes last and drops the shared events.
  await page.locator("#monitor-files").setInputFiles(fixtures + "sendgrid.json");
  await expect(report).toContainText("sendgrid.json: SendGrid Event Webhook, 16 records, 6 duplicates dropped.");
  // After a reload the worker holds neither file: forgetting either names
  // the other, whose dropped duplicates may be its events and would then
  // count nowhere until that file comes again, wherever it is in the list.
  await page.reload();
  await app.goTo("monitoring");
  await page.getByRole("button", { name: "Forget sendgrid.ndjson" }).click();
  await expect(page.locator(".source-list .confirm")).toContainText("sendgrid.json dropped duplicates that may be its events; without it, they count nowhere until that file is imported again.");
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: "Forget sendgrid.json" }).click();
  await expect(page.locator(".source-list .confirm")).toContainText("sendgrid.ndjson dropped duplicates that may be its events");
  await page.getByRole("button", { name: "Cancel" }).click();
  // The same content under another name still replaces a kept file.
  await page.reload();
  await app.goTo("monitoring");
  await page.locator("#monitor-files").setInputFiles({
    name: "sendgrid (1).json", mimeType: "application/json", buffer: await readFile(fixtures + "sendgrid.json"),
  });
  await expect(report).toContainText("It has the same content as sendgrid.json, imported before, and replaced it under Imported files");
  app.expectNoErrors();
});

test("a broken file is reported by line and leaves the plan as it was", async ({ page }) => {
  const app = await openMonitoring(page);
  const before = await app.savedPlan();
  // A per-day CSV with its header alone gives nothing, and is not listed.
  await page.locator("#monitor-files").setInputFiles({
    name: "header-only.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("date,lane,mailbox_provider,sent,delivered\n"),
  });
  await expect(page.locator(".import-report")).toContainText("header-only.csv");
  await expect(page.locator(".import-report")).toContainText("nothing imported");
  await expect(page.locator(".source-list")).not.toContainText("header-only.csv");
  await page.locator("#monitor-files").setInputFiles([fixtures + "broken.ndjson", fixtures + "unknown.json"]);
  const report = page.locator(".import-report");
  await expect(report).toContainText("broken.ndjson: SendGrid Event Webhook, 2 records, 4 lines skipped");
  await expect(report.locator("li.error")).toContainText("unknown.json is not a format Switchyard reads. Expected SendGrid Event Webhook");
  const skipped = page.locator(".source-list li", { hasText: "broken.ndjson" }).locator("details");
  await skipped.locator("summary").click();
  await expect(skipped).toContainText("Line 2: the record is not complete JSON");
  await expect(skipped).toContainText("Line 3: a line that is not a JSON record");
  await expect(skipped).toContainText("Line 5: the record has no readable time");
  // The plan itself is untouched.
  expect(await app.savedPlan()).toEqual(before);
  // Forgetting the file asks first, then takes its counts away.
  await page.getByRole("button", { name: "Forget broken.ndjson" }).click();
  await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.locator(".source-list")).toContainText("broken.ndjson");
  await page.getByRole("button", { name: "Forget broken.ndjson" }).click();
  await page.getByRole("button", { name: "Forget file" }).click();
  await expect(page.locator(".source-list")).not.toContainText("broken.ndjson");
  // The last import's lines give way to what became of the file.
  await expect(page.locator(".import-report")).toHaveText("Forgot broken.ndjson: its counts left this browser.");
  await expect(page.locator("#sources-heading")).toBeFocused();
  app.expectNoErrors();
});

test("a UTF-16 file and an empty array are each refused with what to do", async ({ page }) => {
  const app = await openMonitoring(page);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("date,lane,sent\n2027-03-01,promotional,10\n", "utf16le")]);
  await page.locator("#monitor-files").setInputFiles([
    { name: "excel.csv", mimeType: "text/csv", buffer: utf16 },
    { name: "empty.json", mimeType: "application/json", buffer: Buffer.from(" [ ]\n") },
  ]);
  const report = page.locator(".import-report");
  await expect(report.locator("li.error", { hasText: "excel.csv" })).toContainText("The file is UTF-16 text");
  await expect(report.locator("li.error", { hasText: "excel.csv" })).toContainText("Save it as UTF-8");
  await expect(report.locator("li.error", { hasText: "empty.json" })).toContainText("The file holds no records: it is an empty JSON array");
  await expect(page.locator(".source-list")).not.toContainText("excel.csv");
  app.expectNoErrors();
});

test("forgetting a SendGrid sends file takes its pool from other files' events, and after a reload says they stay on it", async ({ page }) => {
  const app = await openMonitoring(page);
  const sends = ["m1", "m2"].map((m) => JSON.stringify({ email: `${m}@gmail.com`, timestamp: 1803895200, event: "processed", pool: { name: "promo-pool", id: 1 }, sg_event_id: `s-${m}`, sg_message_id: `${m}.filter0001` })).join("\n");
  const later = JSON.stringify({ email: "m1@gmail.com", timestamp: 1803898800, event: "delivered", sg_event_id: "d-m1", sg_message_id: "m1.filter0001" });
  const sendsFile = { name: "sends.ndjson", mimeType: "application/x-ndjson", buffer: Buffer.from(sends + "\n") };
  await page.locator("#monitor-files").setInputFiles(sendsFile);
  await expect(page.locator(".source-list")).toContainText("sends.ndjson");
  await page.locator("#monitor-files").setInputFiles({ name: "later.ndjson", mimeType: "application/x-ndjson", buffer: Buffer.from(later + "\n") });
  const item = page.locator(".source-list li", { hasText: "sends.ndjson" });
  const laterItem = page.locator(".source-list li", { hasText: "later.ndjson" });
  await expect(laterItem).toContainText("1 record");
  // The delivery takes the pool its send named.
  await expect(laterItem).not.toContainText("without a lane key");
  // The worker holds both files, so forgetting the sends asks nothing
  // more, and the delivery goes back to naming no lane key.
  await page.getByRole("button", { name: "Forget sends.ndjson" }).click();
  await expect(item).toContainText("Forget sends.ndjson? Its counts leave this browser");
  await expect(item).not.toContainText("stay on it");
  await page.getByRole("button", { name: "Forget file" }).click();
  await expect(page.locator(".source-list")).not.toContainText("sends.ndjson");
  await expect(laterItem).toContainText("1 event without a lane key");
  // The sends imported again give it their pool again.
  await page.locator("#monitor-files").setInputFiles(sendsFile);
  await expect(page.locator(".source-list")).toContainText("sends.ndjson");
  await expect(laterItem).not.toContainText("without a lane key");
  // After a reload the worker holds neither file, so the question says
  // which pools keep the other file's events.
  await page.reload();
  await app.goTo("monitoring");
  await page.getByRole("button", { name: "Forget sends.ndjson" }).click();
  await expect(item).toContainText("Other files' events on its pool promo-pool stay on it");
  await page.keyboard.press("Escape");
  // The later file's own question has no pools to name.
  await page.getByRole("button", { name: "Forget later.ndjson" }).click();
  await expect(laterItem).not.toContainText("stay on it");
  app.expectNoErrors();
});

test("a large import shows its progress and can be cancelled", async ({ page }) => {
  const app = await openMonitoring(page);
  // About 100 MB of SendGrid events, written to a file.
  const line = (i) => `{"email":"a@gmail.com","timestamp":1803895200,"event":"delivered","sg_event_id":"e${String(i).padStart(9, "0")}","pool":{"name":"promo"}}\n`;
  const count = 900_000;
  const big = Buffer.alloc(line(0).length * count);
  for (let i = 0; i < count; i++) big.write(line(i), i * line(0).length);
  await mkdir("test-results", { recursive: true });
  const path = test.info().outputPath("big.ndjson");
  await writeFile(path, big);
  await page.locator("#monitor-files").setInputFiles(path);
  const progress = page.locator(".import-progress");
  await expect(progress).toContainText("Reading big.ndjson");
  await expect(progress.locator("progress")).toBeVisible();
  await progress.getByRole("button", { name: "Cancel" }).click();
  await expect(page.locator(".import-report")).toHaveText("Import cancelled; nothing was changed.");
  await expect(page.locator(".source-list")).not.toContainText("big.ndjson");
  app.expectNoErrors();
});

test("the per-day CSV template downloads and imports, and the page fits a laptop screen", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = await openMonitoring(page);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download the per-day CSV template" }).click();
  const template = await readFile(await (await download).path(), "utf8");
  expect(template.split("\n")[0]).toBe("date,lane,mailbox_provider,sent,delivered,hard_bounces,soft_bounces,complaints,opens,clicks,unsubscribes,revenue");
  await page.locator("#monitor-files").setInputFiles(fixtures + "daily.csv");
  await expect(page.locator(".import-report")).toContainText("daily.csv: Per-day CSV, 4 records, 3 lines skipped");
  // The CSV names lanes by id: no mapping needed.
  await expect(page.locator(".clean-lane")).toContainText("Yes: Transactional is healthy");
  await expect(page.locator("#health-revenue-flows")).toContainText("Revenue per recipient");
  await expect(page.locator("#health-promotional svg[role=img]").first()).toHaveAttribute("aria-label", /^Promotional: complaints on 2027-03-01, against the watch line/);
  await page.locator("#health-promotional summary", { hasText: "Day by day" }).click();
  await expect(page.locator("#health-promotional .day-table tbody tr").first()).toContainText("2027-03-01");
  // A Postmaster Tools figure typed in for the promotional domain.
  await page.getByRole("button", { name: "Add a figure" }).click();
  await app.setField("pm-postmaster-1-domain", "mail.fernleafcoffee.com");
  await app.setField("pm-postmaster-1-date", "2027-03-01");
  await app.setField("pm-postmaster-1-rate", "0.35");
  await expect(page.locator("#health-promotional .health-status")).toHaveText("Act");
  await expect(page.locator("#health-promotional")).toContainText("Postmaster Tools spam rate 0.35% for mail.fernleafcoffee.com on 2027-03-01");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // With Monitoring's badge beside the Checklist's and the Problems', the
  // tabs still fit one row.
  await expect(page.locator("#tab-monitoring .badge")).toBeVisible();
  const rows = await page.evaluate(() => new Set([...document.querySelectorAll(".tabs > *")].map((t) => Math.round(t.getBoundingClientRect().top))).size);
  expect(rows).toBe(1);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("main input, main select, main textarea")]
      .filter((el) => !el.labels?.length && !el.getAttribute("aria-label"))
      .map((el) => el.id || el.outerHTML),
  );
  expect(unlabelled).toEqual([]);
  app.expectNoErrors();
});

test("Open on a finding about a Postmaster Tools figure goes to that figure's field", async ({ page }) => {
  const app = await openMonitoring(page);
  await page.getByRole("button", { name: "Add a figure" }).click();
  // A new figure's date takes the focus; its controls are named by its id.
  await expect(page.locator("#pm-postmaster-1-date")).toBeFocused();
  await app.setField("pm-postmaster-1-domain", "not a domain");
  await app.goTo("problems");
  await page.locator("li.problem", { hasText: "“not a domain” is not a domain." }).getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#pm-postmaster-1-domain")).toBeFocused();
  app.expectNoErrors();
});

test("the worker that reads files is this build's, named by its contents", async ({ page }) => {
  const requested = [];
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  await openMonitoring(page);
  await page.locator("#monitor-files").setInputFiles({
    name: "header-only.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("date,lane,mailbox_provider,sent,delivered\n"),
  });
  await expect(page.locator(".import-report")).toContainText("nothing imported");
  const named = await page.evaluate(() => document.querySelector("meta[name='switchyard-worker-monitor']").content);
  expect(named).toMatch(/^monitor-worker-[0-9a-f]{16}\.js$/);
  expect(requested).toContain("/" + named);
  expect(requested.filter((path) => /^\/monitor[^/]*\.(js|wasm)$/.test(path)).every((path) => /-[0-9a-f]{16}(_bg)?\.(js|wasm)$/.test(path))).toBe(true);
});

test.describe("without the service worker", () => {
  // The service worker would fetch the worker's code past the route.
  test.use({ serviceWorkers: "block" });

  test("a worker failure is shown with the plan whose import it stopped", async ({ page, context }) => {
    // The worker's code cannot load, so the import fails.
    await context.route(/\/monitor-[0-9a-f]{16}_bg\.wasm$/, (route) => route.abort());
    const app = await openMonitoring(page);
    const day = {
      name: "day.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("date,lane,mailbox_provider,sent,delivered\n2026-11-02,promotional,gmail.com,100,99\n"),
    };
    await page.locator("#monitor-files").setInputFiles(day);
    const failed = page.locator("p.finding.error", { hasText: "The monitoring worker failed" });
    await expect(failed).toBeVisible();
    // Once the code loads again, another plan starts a worker that works
    // and has no failure of its own.
    await context.unrouteAll();
    await page.getByRole("button", { name: "New plan" }).click();
    await expect(page.locator("#plan-picker option")).toHaveCount(2);
    await app.goTo("monitoring");
    await expect(page.locator("#health-heading")).toBeVisible();
    await expect(failed).toHaveCount(0);
    // The plan whose import failed still says so, and its next import
    // reads the file.
    await app.choose("plan-picker", "sample-fernleaf");
    await app.goTo("monitoring");
    await expect(failed).toBeVisible();
    await page.locator("#monitor-files").setInputFiles(day);
    await expect(page.locator(".import-report")).toContainText("day.csv");
    await expect(failed).toHaveCount(0);
    await expect(page.locator("section.sources li", { hasText: "day.csv" })).toHaveCount(1);
  });
});
