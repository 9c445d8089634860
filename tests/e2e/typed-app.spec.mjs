// The app as a quick user meets it: edits typed one after another without
// pausing all land, and what the user opened stays open while they edit.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { Planner } from "./planner.mjs";

test("three fields typed one after another all reach the exported plan", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  // Each fill moves the focus, which commits the field before it.
  await page.locator("#lane-transactional-name").fill("Receipts and shipping");
  await page.locator("#lane-transactional-owner").fill("Lifecycle team");
  await page.locator("#lane-transactional-from-name").fill("Fernleaf Coffee Orders");
  await page.locator("#lane-transactional-from-name").press("Tab");
  const download = await app.exportPlan();
  const plan = JSON.parse(await readFile(await download.path(), "utf8"));
  const lane = plan.lanes.find((l) => l.id === "transactional");
  expect(lane.name).toBe("Receipts and shipping");
  expect(lane.owner).toBe("Lifecycle team");
  expect(lane.from_name).toBe("Fernleaf Coffee Orders");
  app.expectNoErrors();
});

test("typing right after an edit on another page loses nothing", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await page.locator("#brand-name").fill("Fernleaf Roasters");
  await page.locator("#brand-name").press("Tab");
  await app.goTo("journeys");
  await page.locator("#add-journey").click();
  await page.locator("#journey-journey-1-name").fill("Restock alert");
  await page.locator("#journey-journey-1-volume").fill("250");
  await page.locator("#journey-journey-1-volume").press("Tab");
  const download = await app.exportPlan();
  const plan = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(plan.brand.name).toBe("Fernleaf Roasters");
  const journey = plan.journeys.find((j) => j.id === "journey-1");
  expect(journey.name).toBe("Restock alert");
  expect(journey.daily_volume).toBe(250);
  app.expectNoErrors();
});

test("text still being typed when the page reloads is kept", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await page.locator("#lane-transactional-owner").fill("Lifecycle team");
  await expect(page.locator("#lane-transactional-owner")).toBeFocused();
  await page.reload();
  await app.goTo("lanes");
  await expect(page.locator("#lane-transactional-owner")).toHaveValue("Lifecycle team");
  app.expectNoErrors();
});

test("switching a trigger or an IP strategy away and back brings its details back", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-cart-recovery-edit").click();
  await app.setField("journey-cart-recovery-event", "Checkout Abandoned");
  await app.setField("journey-cart-recovery-delay", "75");
  await app.choose("journey-cart-recovery-trigger", "segment_entry");
  await expect(page.locator("#journey-cart-recovery-segment")).toHaveValue("");
  await app.choose("journey-cart-recovery-trigger", "event");
  await expect(page.locator("#journey-cart-recovery-event")).toHaveValue("Checkout Abandoned");
  await expect(page.locator("#journey-cart-recovery-delay")).toHaveValue("75");

  await app.goTo("lanes");
  await app.choose("lane-promotional-ips", "dedicated");
  await app.setField("lane-promotional-ip-count", "3");
  await app.choose("lane-promotional-ips", "shared");
  await expect(page.locator("#lane-promotional-ip-count")).toHaveCount(0);
  await app.choose("lane-promotional-ips", "dedicated");
  await expect(page.locator("#lane-promotional-ip-count")).toHaveValue("3");
  app.expectNoErrors();
});

test("an opened section stays open while fields elsewhere on the page change", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  const schedules = page.locator("details.presets");
  await page.locator("details.presets > summary").click();
  await expect(schedules).toHaveAttribute("open", "");
  const volume = page.locator("input[id$='target_volume']").first();
  await volume.fill("75000");
  await volume.press("Tab");
  await expect(volume).toHaveValue("75000");
  await expect(schedules).toHaveAttribute("open", "");
  // Undo changes the plan back, and the section is still open.
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(volume).not.toHaveValue("75000");
  await expect(schedules).toHaveAttribute("open", "");
  app.expectNoErrors();
});

test("filters and an open editor survive edits and undo", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await app.choose("filter-lane", "revenue-flows");
  const rows = page.locator("tr[id^='journey-']");
  const before = await rows.count();
  await page.locator("#journey-cart-recovery-edit").click();
  await app.setField("journey-cart-recovery-name", "Cart recovery (3 steps)");
  await expect(page.locator("#filter-lane")).toHaveValue("revenue-flows");
  await expect(rows).toHaveCount(before);
  await expect(page.locator("#journey-cart-recovery-name")).toHaveValue("Cart recovery (3 steps)");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(page.locator("#journey-cart-recovery-name")).toHaveValue("Cart recovery");
  await expect(page.locator("#filter-lane")).toHaveValue("revenue-flows");
  app.expectNoErrors();
});

test("a journey edited out of the filters keeps its editor and the focus until it closes", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await app.choose("filter-lane", "revenue-flows");
  const shown = page.locator("#journeys-shown");
  const before = await shown.innerText();
  await page.locator("#journey-browse-abandonment-edit").click();
  const lane = page.locator("#journey-browse-abandonment-lane");
  await lane.focus();
  await app.choose("journey-browse-abandonment-lane", "promotional");
  // The row, its editor and the focus stay, and the page says why.
  await expect(app.journeyRow("browse-abandonment").locator(".lane-cell")).toHaveText("Promotional");
  await expect(lane).toBeFocused();
  await expect(shown).toContainText("Browse abandonment no longer matches the filters; it stays while its editor is open.");
  // The user goes on editing it right away.
  await app.setField("journey-browse-abandonment-name", "Browse abandonment (promo)");
  await expect(app.journeyRow("browse-abandonment").locator("th")).toHaveText("Browse abandonment (promo)");
  // Closed, it goes as the filters say, and the focus goes to the count
  // of journeys shown rather than to the page.
  await page.locator("#journey-browse-abandonment-edit").click();
  await expect(app.journeyRow("browse-abandonment")).toHaveCount(0);
  await expect(shown).not.toContainText("no longer matches");
  await expect(shown).toBeFocused();
  expect(await shown.innerText()).not.toBe(before);
  app.expectNoErrors();
});

test("a count out of range is refused with its range written as people read it", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-cart-recovery-edit").click();
  await app.setField("journey-cart-recovery-volume", "200000000");
  await expect(page.locator("#journey-cart-recovery-volume-notes")).toContainText("Enter a whole number from 0 to 100,000,000.");
  // Nothing is saved: the row keeps the plan's figure.
  await expect(app.journeyRow("cart-recovery").locator("td.num").first()).toHaveText("2,400");
  app.expectNoErrors();
});

test("an opened SPF trace stays with its address when another address is removed", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("domains");
  await page.locator("#domains-lane-promotional").click();
  const verdicts = page.locator("#spf-verdicts li.verdict");
  await expect(verdicts).toHaveCount(2);
  const second = verdicts.filter({ hasText: "203.0.113.11: pass" });
  await second.locator("summary").click();
  await expect(second.locator("details")).toHaveAttribute("open", "");
  // Removing the first address leaves the second's trace open, and only it.
  await app.setField("f-lane-promotional-ip_addresses", "203.0.113.11");
  await expect(verdicts).toHaveCount(1);
  await expect(verdicts.first()).toContainText("203.0.113.11: pass");
  await expect(verdicts.first().locator("details")).toHaveAttribute("open", "");
  // Adding an address before it gives a closed trace for the new one.
  await app.setField("f-lane-promotional-ip_addresses", "203.0.113.9, 203.0.113.11");
  await expect(verdicts).toHaveCount(2);
  await expect(verdicts.first().locator("details")).not.toHaveAttribute("open", "");
  await expect(verdicts.nth(1).locator("details")).toHaveAttribute("open", "");
  app.expectNoErrors();
});

test("an opened calendar table opens again when its calendar comes back", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  const card = page.locator("#warmup-promotional");
  await card.getByText("Calendar for Promotional as a table").click();
  await expect(card.locator("details:has(table.calendar)")).toHaveAttribute("open");
  // Without a first day there is no calendar, and so no table.
  await app.setField("f-warmup-promotional-start_date", "");
  await expect(card).toContainText("Set a valid first day to see the calendar.");
  await expect(card.locator("table.calendar")).toHaveCount(0);
  // The calendar returns with its table open, as the user left it.
  await app.setField("f-warmup-promotional-start_date", "2027-09-13");
  await expect(card.locator("details:has(table.calendar)")).toHaveAttribute("open");
  await expect(card.locator("table.calendar tbody tr").first()).toContainText("2027-09-13");
  app.expectNoErrors();
});

test("an opened simulation table opens again when the run comes back", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  // Without a warm-up, the run starts on the simulation's own first day.
  await app.goTo("warmup");
  await app.choose("f-warmup-promotional-preset", "none");
  await app.goTo("simulation");
  await expect(page.locator("main")).toContainText("Set a first day, or give a lane's warm-up or a migration its first day");
  await app.setField("f-sim-start_date", "2027-03-01");
  const lane = page.locator("#simulation-promotional");
  await lane.getByText("Simulation for Promotional as a table").click();
  await expect(lane.locator("details")).toHaveAttribute("open");
  await app.setField("f-sim-start_date", "");
  await expect(lane).toHaveCount(0);
  await app.setField("f-sim-start_date", "2027-03-08");
  await expect(lane.locator("details")).toHaveAttribute("open");
  await expect(lane.locator("table.data tbody tr").first()).toContainText("2027-03-08");
  app.expectNoErrors();
});

test("moving an item from the keyboard keeps the focus on the button used", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  const ids = () => page.locator(".lane-card").evaluateAll((cards) => cards.map((c) => c.id));
  await page.locator("#lane-promotional-up").focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#lane-promotional-up")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(ids).toEqual(["lane-promotional", "lane-transactional", "lane-revenue-flows"]);
  // At the top the up button is marked disabled and keeps the focus, so
  // pressing it again leaves the lane where it is.
  await expect(page.locator("#lane-promotional-up")).toHaveAttribute("aria-disabled", "true");
  await expect(page.locator("#lane-promotional-up")).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await expect(page.locator("#lane-promotional-up")).toBeFocused();
  expect(await ids()).toEqual(["lane-promotional", "lane-transactional", "lane-revenue-flows"]);
  await page.keyboard.press("Tab");
  await expect(page.locator("#lane-promotional-down")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.locator("#lane-promotional-down")).toBeFocused();
  await expect.poll(ids).toEqual(["lane-transactional", "lane-promotional", "lane-revenue-flows"]);

  await app.goTo("rules");
  const first = page.locator(".rule-card").first();
  const id = await first.getAttribute("id");
  await page.locator(`#${id}-down`).focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(`#${id}-down`)).toBeFocused();
  await expect(page.locator(".rule-card").nth(1)).toHaveAttribute("id", id);
  app.expectNoErrors();
});

test("a delete moves the focus to Cancel, back, and then to the item that takes its place or the Add button", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  const ask = page.getByRole("button", { name: "Delete lane Promotional" });
  await ask.focus();
  await page.keyboard.press("Enter");
  const cancel = page.locator("#lane-promotional").getByRole("button", { name: "Cancel" });
  await expect(cancel).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(ask).toBeFocused();
  await expect(page.locator(".lane-card")).toHaveCount(3);

  // Once the lane is gone, the lane that takes its place has the focus;
  // the last lane's goes to the one before it.
  await app.deleteLane("transactional", "Transactional");
  await expect(page.locator("#lane-revenue-flows")).toBeFocused();
  await app.deleteLane("promotional", "Promotional");
  await expect(page.locator("#lane-revenue-flows")).toBeFocused();
  await expect(page.locator(".lane-card")).toHaveCount(1);
  // With the only lane gone, the Add lane button has it.
  await app.deleteLane("revenue-flows", "Revenue flows");
  await expect(page.locator(".lane-card")).toHaveCount(0);
  await expect(page.locator("#add-lane")).toBeFocused();

  await app.goTo("rules");
  const first = page.locator(".rule-card").first();
  const second = await page.locator(".rule-card").nth(1).getAttribute("id");
  await first.getByRole("button", { name: /^Delete rule/ }).click();
  // It asks first; Escape takes the question back, to the button.
  await page.keyboard.press("Escape");
  await expect(first.getByRole("button", { name: /^Delete rule/ })).toBeFocused();
  await first.getByRole("button", { name: /^Delete rule/ }).click();
  await first.getByRole("button", { name: "Delete rule", exact: true }).click();
  await expect(page.locator(`#${second}`)).toBeFocused();
  app.expectNoErrors();
});

test("undoing the last edit from the keyboard leaves the focus on Redo, and back", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.setField("brand-name", "Fernleaf Roasters");
  const undo = page.getByRole("button", { name: "Undo", exact: true });
  const redo = page.getByRole("button", { name: "Redo", exact: true });
  await undo.focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#brand-name")).toHaveValue("Fernleaf Coffee");
  await expect(undo).toBeDisabled();
  await expect(redo).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#brand-name")).toHaveValue("Fernleaf Roasters");
  await expect(redo).toBeDisabled();
  await expect(undo).toBeFocused();
  app.expectNoErrors();
});

test("a select shows what the plan holds after undo and redo, and the picker the plan that is open", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  const status = page.locator("#lane-transactional-status");
  const before = await status.inputValue();
  await app.choose("lane-transactional-status", "paused");
  await app.choose("lane-transactional-status", "new");
  const undo = page.getByRole("button", { name: "Undo" });
  await undo.click();
  await expect(status).toHaveValue("paused");
  await undo.click();
  await expect(status).toHaveValue(before);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(status).toHaveValue("paused");
  // The picker: pick a plan, then make a new one, which opens.
  await page.getByRole("button", { name: "Add sample plan" }).click();
  const picker = page.locator("#plan-picker");
  await app.choose("plan-picker", "sample-fernleaf");
  const second = await page.locator("#plan-picker option").nth(1).getAttribute("value");
  await app.choose("plan-picker", second);
  await app.choose("plan-picker", "sample-fernleaf");
  await page.getByRole("button", { name: "New plan" }).click();
  await expect(picker.locator("option:checked")).toHaveText("Untitled plan");
  await app.goTo("overview");
  await expect(page.locator("#brand-name")).toHaveValue("");
  // Deleting asks about the plan by the name the picker gives it.
  await app.choose("plan-picker", second);
  await page.getByRole("button", { name: "Delete…" }).click();
  await expect(page.locator(".toolbar .confirm")).toContainText(
    "Delete “Fernleaf Coffee (2)” from this browser, with its delivery counts and DMARC reports?",
  );
  await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
  const kept = (id) => page.evaluate((id) => localStorage.getItem(`switchyard.monitoring.${id}`), id);
  await page.evaluate((id) => localStorage.setItem(`switchyard.monitoring.${id}`, '{"sources":[]}'), second);
  // Two plans are left: the focus stays on the button that deleted it, and
  // the plan before it in the picker opens.
  await page.getByRole("button", { name: "Delete plan" }).click();
  await expect(picker.locator("option")).toHaveCount(2);
  await expect(picker.locator("option:checked")).toHaveText("Fernleaf Coffee");
  expect(await kept(second)).toBeNull();
  await expect(page.getByRole("button", { name: "Delete…" })).toBeFocused();
  // One plan is left: it cannot be deleted, and the picker takes the focus.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(picker.locator("option")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Delete…" })).toBeDisabled();
  await expect(picker).toBeFocused();
  app.expectNoErrors();
});

test("adding and deleting journeys, topics, seed tests and days without sending keeps the focus on the page", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  // A deleted journey hands the focus to the row after it.
  await app.goTo("journeys");
  const rows = page.locator("tr.journey-row");
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.id));
  const [first, second] = ids;
  await page.locator(`#${first}-edit`).click();
  await page.getByRole("button", { name: /^Delete journey…/ }).click();
  await page.getByRole("button", { name: "Delete journey", exact: true }).click();
  await expect(page.locator(`#${second}`)).toBeFocused();
  // A new topic's name takes the focus; deleting it hands it back.
  await app.goTo("preferences");
  await page.getByRole("button", { name: "Add a topic" }).click();
  const name = page.locator("#topic-topic-1-name");
  await expect(name).toBeFocused();
  // Its name is selected: typing replaces it.
  await page.keyboard.type("Seasonal editions");
  await page.keyboard.press("Tab");
  await expect(name).toHaveValue("Seasonal editions");
  await page.locator("#topic-topic-1").getByRole("button", { name: /Delete/ }).click();
  await expect(page.locator(".matrix tr[id^='topic-'] input[id$='-name']:focus")).toHaveCount(1);
  // A new seed test's date, then the lane's Add button once it is deleted.
  await app.goTo("checklist");
  const lane = page.locator("#seeds-promotional");
  await lane.getByRole("button", { name: "Add a seed test for Promotional" }).click();
  await expect(page.locator("#seed-seed-1-date")).toBeFocused();
  await lane.getByRole("button", { name: "Delete" }).click();
  await expect(page.locator("#add-seed-promotional")).toBeFocused();
  // The only day without sending removed: the adding input.
  await app.goTo("warmup");
  await app.setField("f-warmup-promotional-skipped_dates-add", "2027-10-12");
  const remove = page.locator("#warmup-promotional").getByRole("button", { name: "Remove 2027-10-12" });
  await remove.click();
  await expect(remove).toHaveCount(0);
  await expect(page.locator("#warmup-promotional button[id^='remove-']:focus, #f-warmup-promotional-skipped_dates-add:focus")).toHaveCount(1);
  app.expectNoErrors();
});

test("Escape closes a journey's editor keeping what was typed, and a question before closing the editor", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  const edit = page.locator("#journey-cart-recovery-edit");
  await edit.click();
  const name = page.locator("#journey-cart-recovery-name");
  await name.fill("Cart rescue");
  // The delete question inside the editor takes the first Escape.
  await page.getByRole("button", { name: "Delete journey…" }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: "Delete journey", exact: true })).toHaveCount(0);
  await expect(page.locator("#journey-editor-cart-recovery")).toBeVisible();
  await name.press("End");
  await page.keyboard.type(" now");
  await page.keyboard.press("Escape");
  await expect(page.locator("#journey-editor-cart-recovery")).toHaveCount(0);
  await expect(edit).toBeFocused();
  await expect(page.locator("#journey-cart-recovery th")).toHaveText("Cart rescue now");
  // From the row's own Close button, Escape closes it too.
  await edit.press("Enter");
  await expect(page.locator("#journey-editor-cart-recovery")).toBeVisible();
  await expect(edit).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(page.locator("#journey-editor-cart-recovery")).toHaveCount(0);
  await expect(edit).toBeFocused();
  app.expectNoErrors();
});

test("Open on a finding about a lane's field focuses that field", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await app.setField("lane-transactional-from-address", "receipts-at-fernleaf");
  await app.goTo("problems");
  const finding = page.locator("li.problem", { hasText: "receipts-at-fernleaf" }).first();
  await expect(finding).toContainText("Lane “Transactional”");
  await finding.getByRole("button", { name: "Open" }).click();
  await expect(app.tab("lanes")).toHaveAttribute("aria-current", "page");
  await expect(page.locator("#lane-transactional-from-address")).toBeFocused();
  app.expectNoErrors();
});

test("Open on the finding that no lane has a fallback reaches the fallback plans", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await page.getByRole("button", { name: "New plan" }).click();
  await expect(page.locator("#plan-picker option")).toHaveCount(2);
  await app.goTo("lanes");
  await page.locator("#add-lane").click();
  await app.goTo("problems");
  const finding = page.locator("li.problem", { hasText: "No lane has a fallback plan" });
  await finding.getByRole("button", { name: "Open" }).click();
  await expect(app.tab("simulation")).toHaveAttribute("aria-current", "page");
  await expect(page.locator("#simulation-fallbacks")).toBeFocused();
  await expect(page.locator("#simulation-fallbacks")).toBeInViewport();
  app.expectNoErrors();
});

test("a date with a mistyped year is refused with the years a plan runs in", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("domains");
  const start = page.locator("#f-dmarc-rollout_start");
  await expect(start).toHaveAttribute("min", "2000-01-01");
  await expect(start).toHaveAttribute("max", "2199-12-31");
  const before = (await app.savedPlan()).plan.dmarc.rollout_start;
  for (const typed of ["1900-01-01", "9999-12-31"]) {
    await start.fill(typed);
    await start.blur();
    await expect(page.locator("#f-dmarc-rollout_start-notes")).toContainText("Plans run from 2000 to 2199; check the year.");
    expect((await app.savedPlan()).plan.dmarc.rollout_start).toBe(before);
  }
  // A date in reach is taken, and the note goes.
  await start.fill("2027-02-01");
  await start.blur();
  await expect(page.locator("#f-dmarc-rollout_start-notes")).not.toContainText("Plans run from");
  await expect.poll(async () => (await app.savedPlan()).plan.dmarc.rollout_start).toBe("2027-02-01");
  app.expectNoErrors();
});

test("a warm lane on dedicated IPs moved to another provider is new again, and Undo brings it back", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await app.choose("lane-revenue-flows-provider", "mailgun");
  await expect(app.notice()).toContainText("Revenue flows now sends through Mailgun.");
  await expect(app.notice()).toContainText("Status: was warm, now new, as the new provider's dedicated IPs warm up anew");
  await expect(page.locator("#lane-revenue-flows-status")).toHaveValue("new");
  await app.goTo("problems");
  await expect(page.locator(".problem", { hasText: "Revenue flows" }).first()).toBeVisible();
  await page.keyboard.press("Control+z");
  await app.goTo("lanes");
  await expect(page.locator("#lane-revenue-flows-status")).toHaveValue("warm");
  app.expectNoErrors();
});

test("Ctrl+Z in a box with nothing typed undoes the plan's last edit, not another box's text", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  const host = page.locator("#lane-promotional-host");
  await host.click({ clickCount: 3 });
  await page.keyboard.type("email-smtp.eu-west-1.amazonaws.com");
  await page.keyboard.press("Tab");
  await expect(page.locator("#lane-promotional-status")).toHaveValue("new");
  // The browser's text history would put the old host back as a new
  // region move; the plan's undo brings back everything the move changed.
  const port = page.locator("#lane-promotional-port");
  await port.focus();
  await page.keyboard.press("Control+z");
  await expect(host).toHaveValue("email-smtp.us-east-1.amazonaws.com");
  await expect(page.locator("#lane-promotional-status")).toHaveValue("warming");
  await expect(port).toBeFocused();
  await expect(app.notice()).not.toContainText("now sends through Amazon SES in us-east-1");
  const saved = async () => (await app.savedPlan()).plan.lanes.find((l) => l.id === "promotional");
  await expect.poll(async () => (await saved()).ip_addresses.length).toBe(2);
  // The redo key in the box redoes the move.
  await page.keyboard.press("Control+Shift+z");
  await expect(host).toHaveValue("email-smtp.eu-west-1.amazonaws.com");
  await expect(page.locator("#lane-promotional-status")).toHaveValue("new");
  app.expectNoErrors();
});

test("Ctrl+Z in a box undoes only what was typed since its text was saved, then the plan", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  const name = page.locator("#lane-promotional-name");
  const saved = async () => (await app.savedPlan()).plan.lanes.find((l) => l.id === "promotional").name;
  // Enter saves the text and keeps the focus; what is typed next is a draft.
  await name.focus();
  await page.keyboard.press("End");
  await page.keyboard.type(" A");
  await page.keyboard.press("Enter");
  await page.keyboard.type("B");
  await page.keyboard.press("Control+z");
  await expect(name).toHaveValue("Promotional A");
  await page.keyboard.press("Control+z");
  await expect(name).toHaveValue("Promotional");
  await expect.poll(saved).toBe("Promotional");
  // Back in a box whose text was saved on leaving, the plan is undone at
  // once, with no word of another tab.
  await page.keyboard.type(" C");
  await page.keyboard.press("Tab");
  await name.focus();
  await page.keyboard.press("Control+z");
  await expect(name).toHaveValue("Promotional");
  await expect.poll(saved).toBe("Promotional");
  await expect(page.locator("#lane-promotional-name-notes")).not.toContainText("Another tab");
  await page.keyboard.press("Control+Shift+z");
  await expect(name).toHaveValue("Promotional C");
  await expect.poll(saved).toBe("Promotional C");
  app.expectNoErrors();
});

test("a table opened on the Warm-up or Simulation tab is open again after a visit to another tab", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  const warmup = page.locator("#warmup-promotional details", { hasText: "as a table" });
  await warmup.locator("summary").click();
  await app.goTo("simulation");
  const simulated = page.locator("#simulation-revenue-flows details").first();
  await simulated.locator("summary").click();
  await app.goTo("overview");
  await app.goTo("warmup");
  await expect(warmup).toHaveJSProperty("open", true);
  // One the user closed stays closed.
  await warmup.locator("summary").click();
  await expect(warmup).toHaveJSProperty("open", false);
  await app.goTo("simulation");
  await expect(simulated).toHaveJSProperty("open", true);
  await expect(page.locator("#simulation-promotional details").first()).toHaveJSProperty("open", false);
  await app.goTo("warmup");
  await expect(warmup).toHaveJSProperty("open", false);
  app.expectNoErrors();
});

test("arrowing through a closed select takes the choice on leaving it, and Escape puts the plan's back", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  const provider = page.locator("#lane-revenue-flows-provider");
  const saved = async () => (await app.savedPlan()).plan.lanes.find((l) => l.id === "revenue-flows").smtp.provider;
  const before = await provider.inputValue();
  const options = await provider.locator("option").evaluateAll((all) => all.map((o) => o.value));
  const at = options.indexOf(before);
  await provider.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(provider).toHaveValue(options[at + 2]);
  // Nothing is taken while stepping: no provider move, no notice.
  await expect(page.locator("#notice")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(provider).toHaveValue(before);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Tab");
  await expect(provider).toHaveValue(options[at + 1]);
  await expect.poll(saved).toBe(options[at + 1]);
  // One step, one undo.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(provider).toHaveValue(before);
  app.expectNoErrors();
});

test("Enter takes an arrowed choice and leaves the list closed, so one Tab moves on", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  const status = page.locator("#lane-promotional-status");
  const saved = async () => (await app.savedPlan()).plan.lanes.find((l) => l.id === "promotional").status;
  const before = await status.inputValue();
  await status.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const chosen = await status.inputValue();
  expect(chosen).not.toBe(before);
  await expect.poll(saved).toBe(chosen);
  await page.keyboard.press("Tab");
  await expect(status).not.toBeFocused();
  app.expectNoErrors();
});

test("a refusal under a field goes when undo puts a saved value back in it", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-cart-recovery-edit").click();
  await app.setField("journey-cart-recovery-volume", "3000");
  await app.setField("journey-cart-recovery-volume", "-5");
  const notes = page.locator("#journey-cart-recovery-volume-notes");
  await expect(notes).toContainText("Enter a whole number");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(page.locator("#journey-cart-recovery-volume")).toHaveValue("2400");
  await expect(notes).not.toContainText("Enter a whole number");
  await expect(page.locator("#journey-cart-recovery-volume")).toHaveAttribute("aria-invalid", "false");
  app.expectNoErrors();
});

test("a lane filter on a deleted lane falls back to every lane", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await app.choose("filter-lane", "promotional");
  await app.goTo("lanes");
  await app.deleteLane("promotional", "Promotional");
  await app.goTo("journeys");
  await expect(page.locator("#filter-lane")).toHaveValue("");
  await expect(page.getByText("No journey matches these filters.")).toHaveCount(0);
  await expect(app.journeyRow("weekly-promo")).toBeVisible();
  app.expectNoErrors();
});

test("a plan without a brand name is exported as the untitled plan", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.setField("brand-name", "");
  await app.exportPlan();
  await expect(app.notice()).toContainText("Exported “Untitled plan”");
  app.expectNoErrors();
});

test("a name typed without spaces wraps instead of widening the page, and the checklist fits a laptop", async ({ page }) => {
  const app = new Planner(page);
  await page.setViewportSize({ width: 1024, height: 800 });
  await app.open();
  await app.goTo("lanes");
  await app.setField("lane-promotional-name", "P".repeat(400));
  for (const tab of ["domains", "checklist", "preferences", "report", "monitoring"]) {
    await app.goTo(tab);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide, tab).toBeLessThanOrEqual(1024);
  }
  app.expectNoErrors();
});

test("undo and redo from the keyboard never leave the focus on the page's body", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  const onBody = () => page.evaluate(() => document.activeElement === document.body);
  // The key pressed on Undo, which the undo disables: Redo takes the focus.
  await app.goTo("rules");
  await page.locator("#rule-rule-recovery-enabled").press("Space");
  await page.locator("#undo").focus();
  await page.keyboard.press("Control+z");
  await expect(page.locator("#redo")).toBeFocused();
  // A card moved by the undone edit keeps the focus on the button used.
  await app.goTo("lanes");
  const up = page.locator("#lane-promotional-up");
  await up.focus();
  await page.keyboard.press("Enter");
  // Keys pressed one right after another still act for the button.
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+Shift+z");
  await expect(up).toBeFocused();
  await page.keyboard.press("Control+z");
  await expect(up).toBeFocused();
  expect(await onBody()).toBe(false);
  app.expectNoErrors();
});

test("a fix that moves or deletes its rule's card leaves the focus in the page", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("rules");
  await page.locator("#add-rule").focus();
  await page.keyboard.press("Enter");
  for (let i = 0; i < 4; i++) {
    await page.locator("#rule-rule-1-up").focus();
    await page.keyboard.press("Enter");
  }
  const fixes = page.locator("button.fix");
  for (let i = 0; i < 2 && (await fixes.count()) > 0; i++) {
    await fixes.first().focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement === document.body)).toBe(false);
  }
  app.expectNoErrors();
});

test("Ctrl+Z on a select's choice not yet taken puts the plan's back and undoes nothing else", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("checklist");
  await app.setField("ck-map_lanes-plan-owner", "Ana");
  const status = page.locator("#ck-monitor_by_lane-transactional-status");
  const before = await status.inputValue();
  await status.focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Control+z");
  await expect(status).toHaveValue(before);
  await page.keyboard.press("Tab");
  await expect(page.locator("#ck-map_lanes-plan-owner")).toHaveValue("Ana");
  await expect(status).toHaveValue(before);
  app.expectNoErrors();
});

test("a refused number's note goes once the field shows the saved number again", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await app.setField("lane-transactional-owner", "Ops");
  await page.locator("#lane-transactional-port").click({ clickCount: 3 });
  await page.keyboard.type("99999");
  await page.keyboard.press("Tab");
  const notes = page.locator("#lane-transactional-port-notes");
  await expect(notes).toContainText("Enter a whole number from 1 to 65,535.");
  // The browser's own undo in the box puts the saved number back, and the
  // refusal goes with the refused text.
  await page.locator("#lane-transactional-port").focus();
  await page.keyboard.press("Control+z");
  await expect(page.locator("#lane-transactional-port")).toHaveValue("2525");
  await expect(notes).not.toContainText("Enter a whole number");
  await expect(page.locator("#lane-transactional-port")).toHaveAttribute("aria-invalid", "false");
  app.expectNoErrors();
});

test("a refused number and its note are still there after a visit to another tab", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  const port = page.locator("#lane-transactional-port");
  const notes = page.locator("#lane-transactional-port-notes");
  await port.click({ clickCount: 3 });
  await page.keyboard.type("99999");
  await page.keyboard.press("Tab");
  await expect(notes).toContainText("Enter a whole number from 1 to 65,535.");
  await app.goTo("overview");
  await app.goTo("lanes");
  await expect(port).toHaveValue("99999");
  await expect(notes).toContainText("Enter a whole number from 1 to 65,535.");
  await expect(port).toHaveAttribute("aria-invalid", "true");
  // Corrected, it is taken, and nothing refused comes back.
  await port.click({ clickCount: 3 });
  await page.keyboard.type("2587");
  await page.keyboard.press("Tab");
  await expect.poll(async () => (await app.savedPlan()).plan.lanes[0].smtp.port).toBe(2587);
  await app.goTo("overview");
  await app.goTo("lanes");
  await expect(port).toHaveValue("2587");
  await expect(notes).not.toContainText("Enter a whole number");
  app.expectNoErrors();
});

test("Duplicate opens a copy of the plan to try a change on, and the original keeps its values", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  const name = page.locator("#lane-transactional-name");
  // Text still being typed goes into the plan before it is copied.
  await name.fill("Receipts");
  await page.getByRole("button", { name: "Duplicate" }).click();
  const picker = page.locator("#plan-picker");
  await expect(picker.locator("option:checked")).toHaveText("Fernleaf Coffee (2)");
  await expect(page.locator(".notice")).toContainText(
    "Opened “Fernleaf Coffee (2)”, a copy of “Fernleaf Coffee”.",
  );
  await expect(name).toHaveValue("Receipts");
  await name.fill("Receipts (what-if)");
  await name.press("Tab");
  // The copy is exported under its own name, so the two files differ.
  const download = await app.exportPlan();
  expect(download.suggestedFilename()).toBe("switchyard-fernleaf-coffee-2.json");
  await expect(page.locator(".notice")).toContainText("Exported “Fernleaf Coffee (2)”");
  await app.choose("plan-picker", "sample-fernleaf");
  await expect(name).toHaveValue("Receipts");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(name).not.toHaveValue("Receipts");
  app.expectNoErrors();
});

test("a copy's downloads are named as the picker names the copy, apart from the original's", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await page.getByRole("button", { name: "Duplicate" }).click();
  await expect(page.locator("#plan-picker option:checked")).toHaveText("Fernleaf Coffee (2)");
  await app.goTo("report");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download Markdown" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("switchyard-fernleaf-coffee-2-readiness.md");
  app.expectNoErrors();
});

test("undo in a number box after a saved number goes back to that number, not past it", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("simulation");
  const gate = page.locator("#f-sim-gate_complaint_percent");
  const before = await gate.inputValue();
  await gate.focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("0.3");
  await page.keyboard.press("Enter");
  await page.keyboard.type("5");
  await expect(gate).toHaveValue("0.35");
  await page.keyboard.press("Control+Z");
  await expect(gate).toHaveValue("0.3");
  await page.keyboard.press("Tab");
  expect((await app.savedPlan()).plan.simulation.gate_complaint_percent).toBe(0.3);
  // The next undo is the plan's.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(gate).toHaveValue(before);
  app.expectNoErrors();
});

test("another plan opens on its own pages, not on the view left in the plan before", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  // The second sample has the same lane ids as the first.
  await app.goTo("domains");
  await page.locator("#domains-lane-revenue-flows").click();
  await page.getByRole("button", { name: "Add sample plan" }).click();
  await expect(page.locator("#plan-picker option:checked")).toHaveText("Fernleaf Coffee (2)");
  await expect(page.locator("#domains-brand")).toHaveAttribute("aria-current", "page");
  await expect(page.locator("#domains-lane-revenue-flows")).not.toHaveAttribute("aria-current", "page");
  await app.goTo("journeys");
  await page.locator("#filter-text").fill("cart");
  await expect(page.locator("#journeys-shown")).not.toContainText("Showing 12 of 12");
  await app.choose("plan-picker", "sample-fernleaf");
  await expect(page.locator("#filter-text")).toHaveValue("");
  await expect(page.locator("#journeys-shown")).toContainText("Showing 12 of 12 journeys.");
  app.expectNoErrors();
});

test("a comma typed in an amount is its decimal point, and still groups the thousands of a count", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-order-confirmation-edit").click();
  const revenue = page.locator("#journey-order-confirmation-revenue");
  await revenue.fill("");
  await revenue.pressSequentially("0,15");
  await expect(revenue).toHaveValue("0.15");
  await page.keyboard.press("Tab");
  const volume = page.locator("#journey-order-confirmation-volume");
  await volume.fill("");
  await volume.pressSequentially("42,000");
  await page.keyboard.press("Tab");
  // Of two kinds of mark, the last is the decimal one.
  await page.locator("#journey-cart-recovery-edit").click();
  const cart = page.locator("#journey-cart-recovery-revenue");
  await cart.fill("");
  await cart.pressSequentially("1.234,56");
  await expect(cart).toHaveValue("1234.56");
  // A mark typed over a selection replaces it, as any key would.
  await page.keyboard.press("Control+A");
  await page.keyboard.type(",99");
  await page.keyboard.press("Enter");
  await expect(cart).toHaveValue("0.99");
  await page.keyboard.press("Tab");
  // A point in a whole count is refused, not read as 42.
  await page.locator("#journey-order-confirmation-edit").click();
  await volume.fill("");
  await volume.pressSequentially("42.000");
  await page.keyboard.press("Tab");
  await expect(page.locator("#journey-order-confirmation-volume-notes")).toContainText(
    "A point marks decimals: type thousands as 42000 or 42,000.",
  );
  await app.goTo("rules");
  const least = page.locator("#rule-rule-transactional-min");
  await least.fill("");
  await least.pressSequentially("1,5");
  await page.keyboard.press("Tab");
  // Pasted as copied from a European sheet.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate(() => navigator.clipboard.writeText("2,35"));
  const most = page.locator("#rule-rule-transactional-max");
  await most.fill("");
  await most.press("Control+V");
  await expect(most).toHaveValue("2.35");
  await page.keyboard.press("Tab");
  const download = await app.exportPlan();
  const plan = JSON.parse(await readFile(await download.path(), "utf8"));
  const journey = plan.journeys.find((j) => j.id === "order-confirmation");
  expect(journey.revenue_per_recipient).toBe(0.15);
  expect(journey.daily_volume).toBe(42000);
  expect(plan.journeys.find((j) => j.id === "cart-recovery").revenue_per_recipient).toBe(0.99);
  const rule = plan.rules.find((r) => r.id === "rule-transactional").when;
  expect(rule.min_revenue_per_recipient).toBe(1.5);
  expect(rule.max_revenue_per_recipient).toBe(2.35);
  app.expectNoErrors();
});

test("keys typed straight after a choice made with the keyboard land in the fields after it", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.getByRole("button", { name: "Add journey" }).first().click();
  await expect(page.locator("#journey-journey-1-name")).toBeFocused();
  // A quick user: name, an intent picked by its first letters, then the
  // volume, revenue, team and tags, without waiting for anything.
  await page.keyboard.type("Spring sale");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Pro");
  for (const keys of ["Tab", "Tab", "42000", "Tab", "0.15", "Tab", "Tab", "Brand", "Tab", "promo", "Tab"]) {
    if (keys === "Tab") await page.keyboard.press("Tab");
    else await page.keyboard.type(keys);
  }
  const download = await app.exportPlan();
  const plan = JSON.parse(await readFile(await download.path(), "utf8"));
  const journey = plan.journeys.find((j) => j.id === "journey-1");
  expect(journey.name).toBe("Spring sale");
  expect(journey.intent).toBe("promotional_broadcast");
  expect(journey.daily_volume).toBe(42000);
  expect(journey.revenue_per_recipient).toBe(0.15);
  expect(journey.owning_team).toBe("Brand");
  expect(journey.tags).toEqual(["promo"]);
  app.expectNoErrors();
});

test("Tab from a field whose edit clears the fix under it goes on to the next field", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  // With the Reply-To emptied, and another lane having one, a fix
  // button sits under the field until the field is filled.
  const reply = page.locator("#lane-promotional-reply-to");
  await reply.fill("");
  await reply.press("Tab");
  await expect(page.locator("#lane-promotional").getByRole("button", { name: /^Fix: Use .* as/ })).toBeVisible();
  await reply.focus();
  await page.keyboard.type("help@fernleafcoffee.com");
  await page.keyboard.press("Tab");
  await page.keyboard.type("x");
  await expect(reply).toHaveValue("help@fernleafcoffee.com");
  const next = await page.evaluate(() => document.activeElement.id);
  expect(next).not.toBe("");
  expect(await page.locator(`#${next}`).inputValue()).toContain("x");
  app.expectNoErrors();
});

test("an import from the keyboard leaves the focus on Import", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  const download = await app.exportPlan();
  const plan = JSON.parse(await readFile(await download.path(), "utf8"));
  plan.brand.name = "Fernleaf Tea";
  await page.locator("#import-file").focus();
  await app.importFile("copy.json", JSON.stringify(plan));
  await expect(page.locator("#brand-name")).toHaveValue("Fernleaf Tea");
  await expect(page.locator("#import-file")).toBeFocused();
  app.expectNoErrors();
});

test("Enter pressed on a move button faster than the page redraws moves the item each time and keeps the focus", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("rules");
  const ids = () => page.locator(".rule-card").evaluateAll((cards) => cards.map((c) => c.id));
  const before = await ids();
  const last = before[before.length - 1];
  const up = page.locator(`#${last}-up`);
  await up.focus();
  // Three presses in one go, with no wait between them.
  await page.evaluate((id) => {
    const button = document.getElementById(id);
    for (let i = 0; i < 3; i++) button.click();
  }, `${last}-up`);
  await expect.poll(async () => (await ids()).indexOf(last)).toBe(Math.max(0, before.length - 4));
  await expect(up).toBeFocused();
  app.expectNoErrors();
});

test("a lane moved in another tab keeps the focus and the text being typed in this one", async ({ context }) => {
  const a = new Planner(await context.newPage());
  await a.open();
  await a.goTo("lanes");
  const b = new Planner(await context.newPage());
  await b.open();
  await b.goTo("lanes");
  const field = a.page.locator("#lane-promotional-from-name");
  await field.click();
  await a.page.keyboard.press("End");
  await a.page.keyboard.type(" Deals");
  await b.page.locator("#lane-promotional-up").click();
  // A sees the move, and keeps typing where it was.
  const ids = () => a.page.locator(".lane-card").evaluateAll((cards) => cards.map((c) => c.id));
  await expect.poll(ids).toEqual(["lane-transactional", "lane-promotional", "lane-revenue-flows"]);
  await expect(field).toBeFocused();
  await a.page.keyboard.type(" Team");
  await expect(field).toHaveValue(/ Deals Team$/);
  a.expectNoErrors();
});

test("an undo made far down a page says what it undid where the user can read it", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.goTo("journeys");
  await page.locator("#journey-winback-edit").click();
  const name = page.locator("#journey-winback-name");
  await name.fill("Winback after 120 days");
  await name.press("Tab");
  await page.locator("body").press("Control+z");
  const notice = page.locator("#notice");
  await expect(notice).toContainText("Undone");
  await expect(notice).toBeInViewport();
  app.expectNoErrors();
});

test("a rule above the others with a minimum of $0 warns that they can never match", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("rules");
  await page.locator("#add-rule").click();
  await page.locator("#rule-rule-1-min").fill("0");
  await page.locator("#rule-rule-1-min").press("Tab");
  const rules = await page.locator(".rule-card").count();
  for (let i = 1; i < rules; i += 1) await page.locator("#rule-rule-1-up").click();
  await expect(page.locator(".rule-card").first()).toHaveAttribute("id", "rule-rule-1");
  await expect(page.locator("#rule-rule-recovery")).toContainText("can never match");
  app.expectNoErrors();
});

test("the journeys search filters as the user types and survives edits and other tabs", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  const search = page.locator("#filter-text");
  await search.pressSequentially("cart rec");
  await expect(page.locator("#journey-cart-recovery")).toBeVisible();
  await expect(page.locator("#journey-checkout-recovery")).toHaveCount(0);
  await expect(page.locator("#journeys-shown")).toContainText("Showing 1 of");
  // An edit to the journey shown keeps the search as typed.
  await page.locator("#journey-cart-recovery-edit").click();
  await page.locator("#journey-cart-recovery-name").fill("Cart recovery, 1 hour");
  await page.locator("#journey-cart-recovery-name").press("Tab");
  await expect(search).toHaveValue("cart rec");
  await app.goTo("overview");
  await app.goTo("journeys");
  await expect(page.locator("#filter-text")).toHaveValue("cart rec");
  await expect(page.locator("#journeys-shown")).toContainText("Showing 1 of");
  app.expectNoErrors();
});

test("a control the keyboard reaches is never left under the messages' band", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await page.setViewportSize({ width: 1280, height: 720 });
  await app.goTo("checklist");
  const field = page.locator("#th-promotional-bounce_watch_percent");
  await field.fill("3");
  await field.press("Tab");
  await page.keyboard.press("Control+z");
  await expect(page.locator("#notice")).toContainText("Undone");
  await expect(page.locator("#notice")).toBeInViewport();
  const clear = () =>
    page.evaluate(() => {
      const band = document.querySelector(".app-messages").getBoundingClientRect();
      const at = document.activeElement.getBoundingClientRect();
      // A band still in the page's flow covers nothing.
      return band.top > 0.5 || at.top >= band.bottom - 1;
    });
  for (let i = 0; i < 15; i += 1) {
    await page.keyboard.press("Shift+Tab");
    expect(await clear()).toBe(true);
  }
  app.expectNoErrors();
});
