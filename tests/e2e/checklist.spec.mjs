// The implementation flows: a lint and its one-click fix, the checklist and
// its progress across a reload, QA and seed tests, the preference policy,
// and the readiness report.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { Planner } from "./planner.mjs";

test("a promotion on the revenue lane is flagged, and its fix clears it", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-weekly-promo-edit").click();
  await app.choose("journey-weekly-promo-lane", "revenue-flows");
  await expect(app.journeyRow("weekly-promo").locator(".lane-cell")).toHaveText("Revenue flows");
  await app.goTo("problems");
  const finding = page.locator(".problem", { hasText: "carries promotions and cart or checkout recovery together" });
  await expect(finding).toBeVisible();
  await expect(finding).toHaveClass(/error/);
  // The routing item of the checklist is no longer proven done.
  await expect(app.tab("problems").locator(".badge")).toBeVisible();
  // The nearest problem the fix leaves, the ones after it first, takes the
  // focus, ready for the next fix.
  const message = page.locator("#problem-list li.problem > div > p:first-child");
  const before = await message.allInnerTexts();
  const at = before.findIndex((m) => m.includes("carries promotions and cart or checkout recovery together"));
  await finding.getByRole("button", { name: /^Fix: Move “.+” to Promotional$/ }).click();
  await expect(finding).toHaveCount(0);
  const left = await message.allInnerTexts();
  const nearest = [...before.slice(at + 1), ...before.slice(0, at).reverse()];
  const next = nearest.find((m) => left.includes(m));
  expect(left.length).toBeGreaterThan(0);
  await expect(page.locator("#problem-list li.problem:focus")).toContainText(next);
  await page.keyboard.press("Tab");
  await expect(page.locator("#problem-list li.problem:focus-within").getByRole("button", { name: "Open" })).toBeFocused();
  await app.goTo("journeys");
  await expect(app.journeyRow("weekly-promo").locator(".lane-cell")).toHaveText("Promotional");
  // The fix is one undo step.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(app.journeyRow("weekly-promo").locator(".lane-cell")).toHaveText("Revenue flows");
  app.expectNoErrors();
});

test("two lanes on one sending domain are told apart, and the fix gives the moved one its own", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await app.setField("lane-revenue-flows-domain", "mail.fernleafcoffee.com");
  await app.goTo("problems");
  const finding = page.locator(".problem", { hasText: "Revenue flows sends from mail.fernleafcoffee.com, as Promotional does" });
  await expect(finding).toBeVisible();
  await finding.getByRole("button", { name: "Fix: Send Revenue flows from flows.fernleafcoffee.com" }).click();
  await expect(finding).toHaveCount(0);
  await app.goTo("lanes");
  await expect(page.locator("#lane-revenue-flows-domain")).toHaveValue("flows.fernleafcoffee.com");
  await expect(page.locator("#lane-revenue-flows-from-address")).toHaveValue("hello@flows.fernleafcoffee.com");
  app.expectNoErrors();
});

test("ticking checklist items moves progress, and it survives a reload", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("checklist");
  const badge = app.tab("checklist").locator(".badge");
  await expect(badge).toHaveText("22/37");
  const promo = page.locator(".progress-row", { hasText: "Promotional" });
  await expect(promo.locator(".figure")).toHaveText("4 of 12 done");
  // A status the team sets, with an owner and a note.
  await app.choose("ck-smtp_servers-promotional-status", "done");
  await expect(promo.locator(".figure")).toHaveText("5 of 12 done");
  await app.setField("ck-authenticate-promotional-owner", "Priya (IT)");
  await app.setField("ck-authenticate-promotional-notes", "Records sent to the DNS team");
  // A key typed into a note is removed, and the notice names the row as the page does.
  await app.setField("ck-smtp_servers-promotional-notes", "SES key AKIAIOSFODNN7EXAMPLE");
  await expect(app.notice()).toContainText("Checklist › Create the SMTP server configuration (Promotional) › notes");
  await expect(app.notice()).not.toContainText("$.");
  await expect(page.locator("#ck-smtp_servers-promotional-notes")).toHaveValue("SES key [secret removed]");
  // A due date out of the years a plan runs in is refused where it is typed.
  const due = page.locator("#ck-authenticate-promotional-due");
  await expect(due).toHaveAttribute("max", "2199-12-31");
  await due.focus();
  await due.pressSequentially("03152250");
  await due.press("Tab");
  await expect(page.locator("#ck-authenticate-promotional-due-notes")).toContainText("Plans run from 2000 to 2199");
  await expect(due).toHaveAttribute("aria-invalid", "true");
  await app.setField("ck-authenticate-promotional-due", "2027-03-15");
  await expect(page.locator("#ck-authenticate-promotional-due-notes")).toHaveCount(0);
  // QA boxes: all four make step 7 done, as the plan derives it.
  for (const check of ["qa_from_identity", "qa_reply_handling", "qa_tracking_domain", "qa_unsubscribe"]) {
    await page.locator(`#qa-${check}-promotional`).check();
  }
  await expect(promo.locator(".figure")).toHaveText("6 of 12 done");
  const qaRow = page.locator(".steps tr", { hasText: "QA from end to end" }).filter({ hasText: "Promotional" });
  await expect(qaRow.locator(".status")).toHaveText("Done");
  await expect(qaRow).toContainText("4 of 4 checks ticked.");
  await expect(badge).toHaveText("24/37");
  // Statuses the plan proves have no control to override them.
  await expect(page.locator("#ck-map_lanes-plan-status")).toHaveCount(0);
  // A reload comes back to the Checklist.
  await page.reload();
  await expect(app.tab("checklist")).toHaveAttribute("aria-current", "page");
  await expect(badge).toHaveText("24/37");
  await expect(page.locator("#ck-smtp_servers-promotional-status")).toHaveValue("done");
  await expect(page.locator("#ck-authenticate-promotional-owner")).toHaveValue("Priya (IT)");
  await expect(page.locator("#qa-qa_unsubscribe-promotional")).toBeChecked();
  const saved = await app.savedPlan();
  expect(saved.plan.checklist.items.some((i) => i.item === "authenticate" && i.owner === "Priya (IT)")).toBe(true);
  expect(saved.plan.checklist.items.find((i) => i.item === "authenticate" && i.lane === "promotional").due).toBe("2027-03-15");
  app.expectNoErrors();
});

test("a long checklist note is kept whole, line breaks and all, in a box that grows to show it", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("checklist");
  const box = page.locator("#ck-authenticate-promotional-notes");
  const oneLine = (await box.boundingBox()).height;
  // Spaces alone are no note and no edit to undo.
  await app.setField("ck-authenticate-promotional-notes", "  \n ");
  await expect(box).toHaveValue("");
  await expect(page.locator("#undo")).toBeDisabled();
  const note = "Records sent to the DNS team on Monday; the registrar needs two days.\nCheck the DKIM key again after the TTL runs out, then ask Priya to confirm.";
  await app.setField("ck-authenticate-promotional-notes", note + " \n");
  await expect(box).toHaveValue(note);
  // Every line of the note shows without scrolling the box.
  await expect.poll(async () => (await box.boundingBox()).height).toBeGreaterThan(oneLine * 2);
  expect(await box.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1);
  // Notes are free text: longer than a name may be, and kept whole.
  const long = "Waiting on the registrar. ".repeat(60).trim();
  await app.setField("qa-qa_from_identity-promotional-notes", long);
  await expect(page.locator("#qa-qa_from_identity-promotional-notes")).toHaveValue(long);
  const download = await app.exportPlan();
  const plan = JSON.parse(await readFile(await download.path(), "utf8"));
  const items = plan.checklist.items.filter((i) => i.lane === "promotional");
  expect(items.find((i) => i.item === "authenticate").notes).toBe(note);
  expect(items.find((i) => i.item === "qa_from_identity").notes).toBe(long);
  app.expectNoErrors();
});

test("seed tests give each lane its inbox rate and warn under 80%", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("checklist");
  const lane = page.locator("#seeds-promotional");
  await expect(lane).toContainText("No results yet.");
  await lane.getByRole("button", { name: "Add a seed test for Promotional" }).click();
  const row = lane.locator(".seed-table tbody tr");
  await expect(row).toHaveCount(1);
  // A new seed test is named by its id, the first free "seed-N".
  await expect(page.locator("#seed-seed-1-date")).toHaveAttribute("type", "date");
  await app.choose("seed-seed-1-gmail", "inbox");
  await expect(lane).toContainText("Inbox rate 100.0% (1 of 1 results)");
  await app.choose("seed-seed-1-yahoo", "spam");
  await app.choose("seed-seed-1-outlook", "missing");
  await expect(lane).toContainText("Inbox rate 33.3% (1 of 3 results)");
  await expect(lane).toHaveClass(/low/);
  await expect(lane.locator(".finding.warning")).toContainText("Under 80%");
  const item = page.locator(".implementation tr", { hasText: "Seed-list tests" }).filter({ hasText: "Promotional" });
  // Tested everywhere but mostly missing the inbox: not done yet.
  await expect(item.locator(".status")).toHaveText("In progress");
  await expect(item).toContainText("under 80%: fix placement and test again");
  await app.goTo("problems");
  const finding = page.locator(".problem", { hasText: "reached the inbox in 1 of 3 results of its latest seed test" });
  await expect(finding).toBeVisible();
  // The finding names the first result that missed the inbox as the
  // checklist labels it, and opens that result.
  await expect(finding).toContainText("Checklist › seed-list tests › Promotional seed test 1 › Yahoo result");
  await finding.getByRole("button", { name: "Open" }).click();
  await expect(app.tab("checklist")).toHaveAttribute("aria-current", "page");
  await expect(page.locator("#seed-seed-1-yahoo")).toBeFocused();
  app.expectNoErrors();
});

test("the preference matrix keeps transactional mail out of reach of unsubscribes", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("preferences");
  await expect(page.locator(".preferences")).toContainText("The policy has no gaps.");
  await page.locator("#topic-promotions-lane-transactional").check();
  const finding = page.locator(".preferences .problem", { hasText: "would lose receipts and shipping updates" });
  await expect(finding).toBeVisible();
  await finding.getByRole("button", { name: /Fix: Stop/ }).click();
  await expect(page.locator("#topic-promotions-lane-transactional")).not.toBeChecked();
  await expect(page.locator(".preferences .finding-list")).toBeFocused();
  await page.locator("#one-click-promotional").uncheck();
  await expect(page.locator(".preferences .problem", { hasText: "Promotional does not offer one-click unsubscribe" })).toBeVisible();
  // Problems › Open lands on the box that lacks it.
  await app.goTo("problems");
  const problem = page.locator("li.problem", { hasText: "Promotional does not offer one-click unsubscribe" });
  await problem.getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#one-click-promotional")).toBeFocused();
  await app.setField("processing-days", "10");
  await expect(page.locator(".preferences .problem", { hasText: "Unsubscribes take 10 days" })).toBeVisible();
  await page.getByRole("button", { name: "Fix: Process them within 2 days" }).click();
  await expect(page.locator("#processing-days")).toHaveValue("2");
  await page.getByRole("button", { name: "Add a topic" }).click();
  await expect(page.locator("#topic-topic-1-name")).toHaveValue("New topic");
  await expect(page.locator(".preferences .problem", { hasText: "suppresses no lane" })).toBeVisible();
  // Problems › Open lands on the topic's row.
  await app.goTo("problems");
  await page.locator("li.problem", { hasText: "suppresses no lane" }).getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#topic-topic-1-name")).toBeFocused();
  await page.locator("#topic-topic-1-lane-revenue-flows").check();
  await expect(page.locator(".preferences .problem", { hasText: "suppresses no lane" })).toHaveCount(0);
  // The kind counts: an unsubscribe from all marketing stops every marketing lane.
  await app.choose("topic-topic-1-kind", "all_marketing");
  const misses = page.locator(".preferences .problem", { hasText: "is the unsubscribe from all marketing, but it does not stop Promotional" });
  await expect(misses).toBeVisible();
  await misses.getByRole("button", { name: /Fix: Let/ }).click();
  await expect(page.locator("#topic-topic-1-lane-promotional")).toBeChecked();
  await expect(misses).toHaveCount(0);
  app.expectNoErrors();
});

test("thresholds start from the reference and are edited per lane", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("checklist");
  await expect(page.locator("#th-promotional-complaint_act_percent")).toHaveValue("0.3");
  await app.setField("th-promotional-complaint_act_percent", "0.05");
  await expect(page.locator(".checklist .problem", { hasText: "calls for watching" })).toContainText("The complaint rate that calls for action (0.05%)");
  // On Problems the finding names its lane, and Open lands on the field.
  await app.goTo("problems");
  const problem = page.locator("li.problem", { hasText: "The complaint rate that calls for action (0.05%)" });
  await expect(problem).toContainText("monitoring thresholds › Lane “Promotional”");
  await problem.getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#th-promotional-complaint_act_percent")).toBeFocused();
  await app.setField("th-promotional-complaint_act_percent", "0.25");
  await expect(page.locator(".checklist .problem", { hasText: "calls for watching" })).toHaveCount(0);
  // The lane's fallback plan fires where its thresholds call for action.
  await app.goTo("simulation");
  await expect(page.locator("#fallback-promotional-fires")).toHaveText("Fires when complaints reach 0.25% or bounces 5%.");
  // A new lane has none; the button that starts them goes as they come,
  // and the focus moves to the first of them.
  await app.goTo("lanes");
  await app.choose("new-lane-purpose", "vip");
  await page.locator("#add-lane").click();
  await app.goTo("checklist");
  await page.getByRole("button", { name: /^Use the reference thresholds for VIP/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#th-vip-complaint_watch_percent")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.locator("#th-vip-complaint_act_percent")).toBeFocused();
  app.expectNoErrors();
});

test("the split assessment weighs the plan's numbers", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  const assessment = page.locator(".assessment");
  await expect(assessment.locator(".verdict")).toContainText("Split: three of the five situations clearly apply");
  await expect(assessment.locator(".start-with li").first()).toContainText("Revenue flows");
  const migrating = assessment.locator("tr", { hasText: "You are migrating ESPs" });
  await expect(migrating).toContainText("Does not apply");
  await page.locator("#migrating-esp").check();
  await expect(migrating).toContainText("Applies");
  await expect(assessment.locator(".start-with")).toContainText("Migration");
  app.expectNoErrors();
});

// The words of the report's column headings that run onto two lines.
function brokenHeadingWords(page) {
  return page.evaluate(() => {
    const broken = [];
    for (const th of document.querySelectorAll(".readiness thead th")) {
      const node = th.firstChild;
      const text = node?.textContent ?? "";
      for (const match of text.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (range.getClientRects().length > 1) broken.push(match[0]);
      }
    }
    return broken;
  });
}

test("the readiness report prints and downloads as Markdown", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("report");
  const report = page.locator(".readiness");
  await expect(report.locator("h2")).toHaveText("Readiness report: Fernleaf Coffee");
  for (const heading of ["Lanes", "Domains and records", "Routing", "Warm-up", "Checklist", "Open findings"]) {
    await expect(report.locator("h3", { hasText: heading }).first()).toBeVisible();
  }
  await expect(report).toContainText("_dmarc.fernleafcoffee.com");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download Markdown" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("switchyard-fernleaf-coffee-readiness.md");
  const text = await readFile(await file.path(), "utf8");
  expect(text.startsWith("# Readiness report: Fernleaf Coffee\n")).toBe(true);
  expect(text).toContain("| Cart recovery |");
  expect(text).toContain("### Implementation checklist");
  // Printing shows the report alone: no tabs, toolbar or buttons.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".tabs")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(report.locator("h2")).toBeVisible();
  // At an A4 page's width, column headings keep their words whole.
  await page.setViewportSize({ width: 718, height: 1000 });
  expect(await brokenHeadingWords(page)).toEqual([]);
  // And every table fits the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(718);
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  app.expectNoErrors();
});

test("the readiness report carries the delivery data and DMARC reports imported", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("report");
  const report = page.locator(".readiness");
  await expect(report).toContainText("No delivery data is imported.");
  await expect(report).toContainText("No DMARC aggregate reports are imported.");
  await app.goTo("monitoring");
  await page.locator("#monitor-files").setInputFiles("tests/fixtures/monitoring/daily.csv");
  await expect(page.locator(".import-report")).toContainText("daily.csv: Per-day CSV");
  await app.goTo("dmarc");
  await page.locator("#dmarc-files").setInputFiles(["google.zip", "outlook.zip", "yahoo.xml.gz"].map((f) => "tests/fixtures/dmarc/" + f));
  await expect(page.locator("#dmarc-import-report")).toContainText("yahoo.xml.gz: 1 report");
  // The report says what the DMARC tab says.
  const verdict = (await page.locator("#dmarc-readiness p").first().innerText()).trim();
  await app.goTo("report");
  const delivery = report.locator("table", { has: page.locator("th", { hasText: "Complaints" }) });
  await expect(delivery.locator("tbody tr").first()).toBeVisible();
  await expect(report).not.toContainText("No delivery data is imported.");
  const dmarc = report.locator("table", { has: page.locator("th", { hasText: "DKIM aligned" }) });
  for (const lane of ["Transactional", "Revenue flows", "Promotional"]) {
    await expect(dmarc.locator("tr", { hasText: lane })).toContainText("%");
  }
  await expect(report.locator("p", { hasText: verdict })).toHaveCount(1);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download Markdown" }).click();
  const text = await readFile(await (await download).path(), "utf8");
  expect(text).toContain("## Delivery and DMARC results");
  expect(text).toContain("| Lane | Messages | DMARC pass | SPF aligned | DKIM aligned | Verdict |");
  app.expectNoErrors();
});

test("the checklist and preferences fit a laptop screen and every control has a label", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new Planner(page);
  await app.open();
  for (const tab of ["checklist", "preferences", "report"]) {
    await app.goTo(tab);
    await expect(page.locator(`.page-${tab} section`).first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${tab} scrolls sideways`).toBeLessThanOrEqual(0);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("main input, main select, main textarea")]
        .filter((el) => !el.labels?.length && !el.getAttribute("aria-label"))
        .map((el) => el.id || el.outerHTML),
    );
    expect(unlabelled, `${tab} controls without a label`).toEqual([]);
  }
  app.expectNoErrors();
});

test("the checklist filters by lane, status and owner, keep edited rows in view, and survive a visit to another tab", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("checklist");
  const rows = page.locator(".checklist-table tbody tr");
  const all = await rows.count();
  const shown = page.locator("#checklist-shown");
  await expect(shown).toHaveText("");
  // The items not needed for this plan are rows the progress leaves out,
  // which the count under the filters says.
  const counted = Number((await page.locator("#progress-overall").getAttribute("max")) ?? "0");
  const needed = all === counted ? "" : ` ${all - counted} ${all - counted === 1 ? "item is" : "items are"} not needed for this plan, so the progress counts ${counted}.`;
  expect(needed).not.toBe("");
  // One lane's items, then only what is left to do there.
  await app.choose("checklist-filter-lane", "promotional");
  await app.choose("checklist-filter-status", "to-do");
  const lanes = await page.locator(".checklist-table tbody td.lane").allInnerTexts();
  expect(lanes.length).toBeGreaterThan(0);
  expect(new Set(lanes)).toEqual(new Set(["Promotional"]));
  await expect(shown).toHaveText(`Showing ${lanes.length} of ${all} items.${needed}`);
  // Setting an item done keeps its row and the focus; the owner typed
  // right after lands in the same row.
  const status = page.locator("#ck-smtp_servers-promotional-status");
  await status.focus();
  await status.selectOption("done");
  await expect(status).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.type("Priya");
  await page.keyboard.press("Tab");
  await expect(shown).toContainText("One item edited since no longer matches them");
  await expect(page.locator("#ck-smtp_servers-promotional-owner")).toHaveValue("Priya");
  // The edited row is still there after a visit to another tab.
  await app.goTo("lanes");
  await app.goTo("checklist");
  await expect(shown).toContainText("One item edited since no longer matches them");
  await expect(page.locator("#ck-smtp_servers-promotional-status")).toHaveValue("done");
  // The owner is offered as a filter, and it shows that item alone.
  await app.choose("checklist-filter-status", "");
  await page.locator("#checklist-filter-owner").selectOption({ label: "Priya" });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Create the SMTP server configuration");
  await expect(shown).toHaveText(`Showing 1 of ${all} items.${needed}`);
  // A table the filters empty says so under its heading.
  await expect(page.getByText("No implementation item matches the filters.")).toBeVisible();
  // The filters are where they were after another tab.
  await app.goTo("lanes");
  await app.goTo("checklist");
  await expect(page.locator("#checklist-filter-lane")).toHaveValue("promotional");
  await expect(rows).toHaveCount(1);
  // The whole plan's items belong to no lane.
  await app.choose("checklist-filter-owner", "");
  await app.choose("checklist-filter-lane", "plan");
  expect(new Set(await page.locator(".checklist-table tbody td.lane").allInnerTexts())).toEqual(new Set(["Whole plan"]));
  await app.choose("checklist-filter-lane", "");
  await expect(rows).toHaveCount(all);
  const item = async () => {
    const saved = await app.savedPlan();
    const found = saved.plan.checklist.items.find((i) => i.item === "smtp_servers" && i.lane === "promotional");
    return [found.status, found.owner];
  };
  await expect.poll(item).toEqual(["done", "Priya"]);
  app.expectNoErrors();
});
