// The foundation flows: sample plan, lanes, journeys, rules, files,
// persistence, undo and redo, other tabs.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { Planner } from "./planner.mjs";

test("the sample plan renders with lanes side by side", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await expect(page.locator("#plan-picker")).toHaveValue("sample-fernleaf");
  await expect(page.locator(".summary").first()).toHaveText("3 lanes · 12 journeys · 42,250 messages a day");
  const columns = page.locator(".lane-column");
  await expect(columns).toHaveCount(3);
  await expect(columns.nth(0)).toContainText("Transactional");
  await expect(columns.nth(1)).toContainText("Cart recovery");
  await expect(columns.nth(2)).toContainText("63.9% of daily volume");
  await expect(page.locator(".save-state")).toHaveText("Saved in this browser");
  app.expectNoErrors();
});

test("a new lane and a new journey are routed with their reason", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await app.choose("new-lane-purpose", "vip");
  await page.locator("#add-lane").click();
  // The new lane is brought on screen with its name focused and selected,
  // so typing names it.
  const card = page.locator("#lane-vip");
  await expect(page.locator("#lane-vip-name")).toBeFocused();
  await expect(card).toBeInViewport();
  await expect(page.locator("#lane-vip-domain")).toHaveValue("vip.fernleafcoffee.com");
  await page.keyboard.type("VIP");
  await page.keyboard.press("Tab");
  await expect(page.locator("#lane-vip-name")).toHaveValue("VIP");
  // A domain typed in capitals with a final dot is kept, and shown, as the
  // plan holds it, even when that is what it held already.
  await app.setField("lane-vip-domain", "VIP.FernleafCoffee.com.");
  await expect(page.locator("#lane-vip-domain")).toHaveValue("vip.fernleafcoffee.com");

  await app.goTo("journeys");
  await page.locator("#add-journey").click();
  await expect(page.locator("#journey-journey-1-name")).toBeFocused();
  // What an add, delete, move or fix did is said to screen readers.
  await expect(page.locator("#said")).toHaveText("Added the journey “New journey”.");
  await page.keyboard.type("VIP early access");
  await page.keyboard.press("Tab");
  await app.choose("journey-journey-1-intent", "vip_offer");
  await app.setField("journey-journey-1-volume", "400");
  const row = app.journeyRow("journey-1");
  // A new journey is a weekly send until told otherwise.
  await expect(row.locator(".trigger")).toHaveText("Scheduled, weekly");
  await expect(row.locator(".lane-cell")).toHaveText("Promotional");
  await expect(row.locator(".reason")).toHaveText("Rule 4: Scheduled broadcasts");

  await app.goTo("rules");
  await page.locator("#add-rule").click();
  await expect(page.locator("#rule-rule-1-name")).toBeFocused();
  await expect(page.locator("#rule-rule-1")).toBeInViewport();
  await page.keyboard.type("VIP offers");
  await page.keyboard.press("Tab");
  await page.locator("#rule-rule-1-intents").getByLabel("VIP offer").check();
  await app.choose("rule-rule-1-lane", "vip");
  // Last, it comes too late for a scheduled send; one place up, it is first to match.
  await page.locator("#rule-rule-1-up").click();
  await expect(page.locator("#rule-rule-1-caught")).toContainText("Catches 1: VIP early access");
  await expect(page.locator("#said")).toHaveText(/^Moved: the order of the rules changed: “VIP offers” now comes before “/);

  await app.goTo("journeys");
  await expect(row.locator(".lane-cell")).toHaveText("VIP");
  await expect(row.locator(".reason")).toHaveText("Rule 4: VIP offers");
  await app.goTo("overview");
  await expect(page.locator(".lane-column")).toHaveCount(4);
  await expect(page.locator(".lane-column").nth(3)).toContainText("VIP early access");
  app.expectNoErrors();
});

test("a lane's name cleared becomes a new lane's of its purpose, everywhere it is shown", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await app.setField("lane-revenue-flows-name", "Flows");
  await app.setField("lane-revenue-flows-name", "   ");
  await expect(page.locator("#lane-revenue-flows-name")).toHaveValue("Revenue flows lane");
  await app.goTo("overview");
  await expect(page.locator(".lane-column h3").nth(1)).toHaveText("Revenue flows lane");
  app.expectNoErrors();
});

test("a rule's revenue bound is an amount typed in a number input", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("rules");
  const min = page.locator("#rule-rule-recovery-min");
  await expect(min).toHaveAttribute("type", "number");
  await expect(min).toHaveAttribute("step", "0.01");
  // A bound above every journey's revenue lets the recovery journeys fall through.
  await app.setField("rule-rule-recovery-min", "1000");
  await expect(page.locator("#rule-rule-recovery-caught")).toHaveText("Catches no journeys.");
  await app.setField("rule-rule-recovery-max", "0.5");
  // Bounds the wrong way round: Open lands on the minimum to correct.
  await app.goTo("problems");
  await page.locator("li.problem", { hasText: "its minimum revenue is above its maximum" }).getByRole("button", { name: "Open" }).click();
  await expect(min).toBeFocused();
  // Amounts are kept to the cent, as the field shows them.
  await app.setField("rule-rule-recovery-min", "0.125");
  await expect(min).toHaveValue("0.13");
  // A negative amount is explained and not committed.
  await app.setField("rule-rule-recovery-max", "-3");
  await expect(page.locator("#rule-rule-recovery-max-notes")).toContainText("Enter an amount from 0 to 1,000,000");
  await expect(page.locator("#rule-rule-recovery-max")).toHaveAttribute("aria-invalid", "true");
  const bounds = async () => {
    const rule = (await app.savedPlan()).plan.rules.find((r) => r.id === "rule-recovery");
    return [rule.when.min_revenue_per_recipient ?? null, rule.when.max_revenue_per_recipient ?? null];
  };
  await expect.poll(bounds).toEqual([0.13, 0.5]);
  // Emptying a bound removes it.
  await app.setField("rule-rule-recovery-max", "");
  await app.setField("rule-rule-recovery-min", "");
  await expect(page.locator("#rule-rule-recovery-caught")).toContainText("Catches 2: Cart recovery, Checkout recovery");
  await expect.poll(bounds).toEqual([null, null]);
  app.expectNoErrors();
});

test("changing a rule moves journeys live", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("rules");
  await expect(page.locator("#rule-rule-recovery-caught")).toContainText("Catches 2: Cart recovery, Checkout recovery");
  await app.choose("rule-rule-recovery-lane", "transactional");
  await app.goTo("journeys");
  await expect(app.journeyRow("cart-recovery").locator(".lane-cell")).toHaveText("Transactional");
  await expect(app.journeyRow("cart-recovery").locator(".reason")).toHaveText("Rule 2: Cart and checkout recovery");

  // Disabling the rule lets the journeys fall through to the default lane.
  await app.goTo("rules");
  await page.locator("#rule-rule-recovery-enabled").uncheck();
  await expect(page.locator("#rule-rule-recovery-caught")).toHaveText("Catches no journeys.");
  await app.goTo("journeys");
  await expect(app.journeyRow("checkout-recovery").locator(".lane-cell")).toHaveText("Promotional");

  // Filters narrow the table by lane and by intent.
  await app.choose("filter-lane", "promotional");
  await expect(page.locator(".journey-row")).toHaveCount(4);
  await app.choose("filter-intent", "newsletter");
  await expect(page.locator(".journey-row")).toHaveCount(1);
  // They are where they were after a visit to another tab.
  await app.goTo("rules");
  await app.goTo("journeys");
  await expect(page.locator("#filter-intent")).toHaveValue("newsletter");
  await expect(page.locator(".journey-row")).toHaveCount(1);
  app.expectNoErrors();
});

test("export, then import the file back", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.setField("brand-name", "Fernleaf Roasters");
  const download = await app.exportPlan();
  expect(download.suggestedFilename()).toBe("switchyard-fernleaf-roasters.json");
  const text = await readFile(await download.path(), "utf8");
  const exported = JSON.parse(text);
  expect(exported.schema_version).toBe(1);
  expect(exported.brand.name).toBe("Fernleaf Roasters");
  expect(text).toContain('\n  "brand": {');
  await expect(app.notice()).toContainText("Exported “Fernleaf Roasters”");
  // Dismissed from the keyboard, the message hands the focus to the page.
  await page.getByRole("button", { name: "Dismiss message" }).focus();
  await page.keyboard.press("Enter");
  await expect(app.notice()).toHaveCount(0);
  await expect(page.locator("#main")).toBeFocused();

  // The same file back is the same plan: nothing is added.
  await app.importFile("switchyard-fernleaf-roasters.json", text);
  await expect(app.notice()).toContainText("Nothing imported: the file is identical to “Fernleaf Roasters”, a plan you already have");
  await expect(page.locator("#plan-picker option")).toHaveCount(1);

  // An edited copy comes in beside the original, never over it.
  exported.brand.name = "Fernleaf Wholesale";
  exported.lanes[0].smtp.password = "hunter2";
  await app.importFile("wholesale.json", JSON.stringify(exported));
  await expect(app.notice()).toContainText("Imported “Fernleaf Wholesale”");
  await expect(app.notice()).toContainText("looked like a password or API key: Lane “Transactional” › SMTP › password.");
  await expect(page.locator("#plan-picker option")).toHaveCount(2);
  await expect(page.locator("#brand-name")).toHaveValue("Fernleaf Wholesale");
  const saved = await app.savedPlan();
  expect(JSON.stringify(saved)).not.toContain("hunter2");

  // A copy under the same brand keeps the brand it sends as; the picker
  // numbers it instead.
  exported.brand.name = "Fernleaf Roasters";
  exported.notes = "A second draft.";
  await app.importFile("second-draft.json", JSON.stringify(exported));
  // Named as the picker lists it, beside the open plan of the same name.
  await expect(app.notice()).toContainText("Imported “Fernleaf Roasters (2)”");
  await expect(page.locator("#brand-name")).toHaveValue("Fernleaf Roasters");
  await expect(page.locator("#plan-picker option")).toHaveText([
    "Fernleaf Roasters",
    "Fernleaf Wholesale",
    "Fernleaf Roasters (2)",
  ]);
  await expect(page.locator("#plan-picker option:checked")).toHaveText("Fernleaf Roasters (2)");
  await app.choose("plan-picker", "sample-fernleaf");
  await expect(page.locator("#brand-name")).toHaveValue("Fernleaf Roasters");
  app.expectNoErrors();
});

test("a malformed import shows the error and leaves the plan intact", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  const before = await app.savedPlan();
  await app.importFile("broken.json", '{"schema_version": 1, "lanes": [}');
  await expect(app.notice()).toContainText("Import refused: “broken.json”: The file is not valid JSON");
  await expect(app.notice()).toContainText("Where: line 1, column 33");
  await expect(app.notice()).toContainText("Your current plan was not changed.");

  const plan = structuredClone(before.plan);
  plan.lanes[1].id = plan.lanes[0].id;
  await app.importFile("duplicate.json", JSON.stringify(plan));
  await expect(app.notice()).toContainText("“duplicate.json”: The id “transactional” is already used by Lane 1; the file also has 13 broken references");
  await expect(app.notice()).toContainText("($.lanes[1].id)");
  plan.lanes[1].id = before.plan.lanes[1].id;

  plan.schema_version = 9;
  await app.importFile("future.json", JSON.stringify(plan));
  await expect(app.notice()).toContainText("format version 9, newer than this app reads");

  await app.importFile("huge.json", " ".repeat(5 * 1024 * 1024 + 1));
  await expect(app.notice()).toContainText("“huge.json”: The file is 5.01 MB; plan files are at most 5 MB");

  await app.importFile("deep.json", "[".repeat(100) + "]".repeat(100));
  await expect(app.notice()).toContainText("more than 32 deep");

  await expect(page.locator("#plan-picker option")).toHaveCount(1);
  expect(await app.savedPlan()).toEqual(before);
  await expect(page.locator(".lane-column")).toHaveCount(3);
});

test("numbers in a file outside the ranges their fields take are findings at those fields", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  const plan = structuredClone((await app.savedPlan()).plan);
  plan.brand.name = "Out of range";
  plan.lanes[2].warmup.target_volume = 5000000000;
  plan.preferences.processing_days = 45;
  await app.importFile("ranges.json", JSON.stringify(plan));
  await expect(app.notice()).toContainText("Imported “Out of range”");

  await app.goTo("problems");
  const peak = page.locator(".problem", {
    hasText: "The warm-up's peak volume is 5,000,000,000, outside 0 to 1,000,000,000.",
  });
  await expect(peak).toHaveCount(1);
  await expect(
    page.locator(".problem", { hasText: "The days an unsubscribe takes is 45, outside 0 to 30." }),
  ).toHaveCount(1);

  // The problem takes the focus to the field on the lane's warm-up, marked; a
  // number in range clears it.
  await peak.getByRole("button", { name: "Open" }).click();
  const field = page.locator("#f-warmup-promotional-target_volume");
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await app.setField("f-warmup-promotional-target_volume", "60000");
  await expect(field).toHaveAttribute("aria-invalid", "false");
  await app.goTo("problems");
  await expect(page.locator(".problem", { hasText: "peak volume" })).toHaveCount(0);
  app.expectNoErrors();
});

test("a full storage is said in the save state, and the next save after space frees keeps everything", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  // Fill the origin's storage until the browser refuses more.
  await page.evaluate(() => {
    let i = 0;
    for (const size of [256 * 1024, 1024, 16]) {
      const chunk = "x".repeat(size);
      for (let n = 0; n < 4000; n++, i++) {
        try { localStorage.setItem(`junk-${i}`, chunk); } catch { break; }
      }
    }
  });
  await app.setField("brand-name", "Kept somewhere, under a name much longer than the one before");
  await expect(page.locator(".save-state")).toHaveText("Not saved: storage is full or blocked");
  await expect(app.notice()).toContainText("could not be saved in this browser");
  // The alert reads the failure out; the save state, which changes with
  // every edit, is not read out.
  await expect(page.getByRole("alert")).toContainText("could not be saved in this browser");
  await expect(page.locator(".save-state")).not.toHaveAttribute("aria-live");
  await expect(page.locator(".plan-picker [aria-live]")).toHaveCount(0);
  // Leaving now would lose the edit, so the browser asks first.
  const asks = () => page.evaluate(() => {
    const leaving = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(leaving);
    return leaving.defaultPrevented;
  });
  expect(await asks()).toBe(true);
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("junk-")).forEach((k) => localStorage.removeItem(k)));
  await app.setField("brand-name", "Kept at last");
  await expect(page.locator(".save-state")).toHaveText("Saved in this browser");
  expect((await app.savedPlan()).plan.brand.name).toBe("Kept at last");
  expect(await asks()).toBe(false);
});

test("a reload finds the plan as it was", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await app.setField("lane-promotional-from-name", "Fernleaf Offers");
  await app.choose("lane-promotional-status", "warm");
  await app.goTo("journeys");
  await page.locator("#add-journey").click();
  await app.setField("journey-journey-1-name", "Back in stock");
  await expect(page.locator(".save-state")).toHaveText("Saved in this browser");
  await page.reload();
  // The reload comes back to the tab it left, with the plan as it was.
  await expect(app.tab("journeys")).toHaveAttribute("aria-current", "page");
  await expect(app.journeyRow("journey-1")).toContainText("Back in stock");
  await app.goTo("overview");
  await expect(page.locator(".lane-column").nth(2)).toContainText("Warm");
  await app.goTo("lanes");
  await expect(page.locator("#lane-promotional-from-name")).toHaveValue("Fernleaf Offers");
  await page.reload();
  await expect(app.tab("lanes")).toHaveAttribute("aria-current", "page");
  await expect(page.locator("#lane-promotional-from-name")).toHaveValue("Fernleaf Offers");
  // A new browser tab opens on the overview.
  const other = await page.context().newPage();
  await other.goto("/");
  await expect(other.locator("#tab-overview")).toHaveAttribute("aria-current", "page");
  await expect(other.locator(".lane-columns")).toBeVisible();
  await other.close();
  app.expectNoErrors();
});

test("undo and redo, by button and keyboard", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  const undo = page.getByRole("button", { name: "Undo" });
  const redo = page.getByRole("button", { name: "Redo" });
  await expect(undo).toBeDisabled();
  await app.setField("brand-name", "First");
  await app.setField("brand-name", "Second");
  await undo.click();
  await expect(page.locator("#brand-name")).toHaveValue("First");
  await redo.click();
  await expect(page.locator("#brand-name")).toHaveValue("Second");

  // Shortcuts work outside text boxes, where the browser's own undo applies.
  await app.goTo("lanes");
  await page.getByRole("button", { name: "Delete lane Transactional" }).click();
  await page.getByRole("button", { name: "Delete lane", exact: true }).click();
  await expect(page.locator(".lane-card")).toHaveCount(2);
  await page.locator("body").press("Control+z");
  await expect(page.locator(".lane-card")).toHaveCount(3);
  await page.locator("body").press("Control+Shift+Z");
  await expect(page.locator(".lane-card")).toHaveCount(2);
  await page.locator("body").press("Control+z");
  await page.locator("body").press("Control+z");
  await page.locator("body").press("Control+z");
  await expect(page.locator("#brand-name, .lane-card").first()).toBeVisible();
  await app.goTo("overview");
  await expect(page.locator("#brand-name")).toHaveValue("Fernleaf Coffee");
  await expect(undo).toBeDisabled();
  app.expectNoErrors();
});

test("an undo says what it changed and shows it when that is on another page", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-cart-recovery-edit").click();
  await app.setField("journey-cart-recovery-name", "Cart rescue");
  await app.goTo("overview");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(app.notice()).toContainText("Undone: the journey “Cart recovery”: its name changed from “Cart rescue” to “Cart recovery”.");
  await page.locator("#notice-show").click();
  await expect(page.locator("#tab-journeys")).toHaveAttribute("aria-current", "page");
  await expect(app.journeyRow("cart-recovery")).toBeFocused();
  await expect(app.journeyRow("cart-recovery")).toContainText("Cart recovery");

  // A redo of a deleted lane says it is gone, and Show leads to the lanes.
  await app.goTo("lanes");
  await page.getByRole("button", { name: "Delete lane Promotional" }).click();
  await page.getByRole("button", { name: "Delete lane", exact: true }).click();
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(app.notice()).toContainText("Undone: the lane “Promotional” is in the plan again.");
  await page.getByRole("button", { name: "Redo", exact: true }).click();
  await expect(app.notice()).toContainText("Redone: the lane “Promotional” is no longer in the plan.");
  await app.goTo("overview");
  await page.locator("#notice-show").click();
  await expect(page.locator("#add-lane")).toBeFocused();
  app.expectNoErrors();
});

test("deleting a lane asks first and leaves its journeys unrouted", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  const card = page.locator("#lane-revenue-flows");
  await card.getByRole("button", { name: "Delete lane Revenue flows" }).click();
  // It names the journeys: the first five, then how many more.
  await expect(card).toContainText(/7 journeys routed here \(“Cart recovery”, .+ and 2 more\) will show as unrouted/);
  // A screen reader reads the question with the focused Cancel.
  await expect(card.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expect(card.getByRole("button", { name: "Cancel" })).toHaveAccessibleDescription(/^Delete this lane\? 7 journeys routed here/);
  // So are the rules that will send to a missing lane.
  await expect(card).toContainText("Rule 2 “Cart and checkout recovery” and rule 3 “Lifecycle revenue flows” will name a missing lane");
  // What else goes with the lane is said before it goes.
  await expect(card).toContainText("It also clears its checklist progress and seed tests");
  await card.getByRole("button", { name: "Cancel" }).click();
  await expect(page.locator(".lane-card")).toHaveCount(3);
  await card.getByRole("button", { name: "Delete lane Revenue flows" }).click();
  await card.getByRole("button", { name: "Delete lane", exact: true }).click();
  await expect(page.locator(".lane-card")).toHaveCount(2);
  await app.goTo("journeys");
  await expect(app.journeyRow("cart-recovery").locator(".reason")).toContainText("Unrouted: rule 2");
  await app.goTo("overview");
  await expect(page.locator(".unrouted-column")).toContainText("Cart recovery");
  await app.goTo("problems");
  await expect(page.locator("#tab-problems .badge")).toBeVisible();
  const problem = page.locator(".problem", { hasText: "sends to the missing lane" }).first();
  await problem.getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#tab-rules")).toHaveAttribute("aria-current", "page");
  // The finding is about the rule's lane: its select takes the focus.
  await expect(page.locator("#rule-rule-recovery-lane")).toBeFocused();
});

test("deleting a rule says first where its journeys go", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("rules");
  const card = page.locator("#rule-rule-recovery");
  await card.getByRole("button", { name: /^Delete rule/ }).click();
  await expect(card.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expect(card.getByRole("button", { name: "Cancel" })).toHaveAccessibleDescription(
    "Delete “Cart and checkout recovery”? It catches 2 journeys: without it, “Cart recovery” and “Checkout recovery” go to Promotional, the default lane.",
  );
  // The words follow an edit made while the question is open.
  await app.choose("default-lane-select", "transactional");
  await expect(card.getByRole("button", { name: "Cancel" })).toHaveAccessibleDescription(/go to Transactional, the default lane\.$/);
  await card.getByRole("button", { name: "Delete rule", exact: true }).click();
  await app.goTo("journeys");
  await expect(app.journeyRow("cart-recovery").locator(".lane-cell")).toHaveText("Transactional");
  app.expectNoErrors();
});

test("plans: new, sample, switch and delete", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await page.getByRole("button", { name: "New plan" }).click();
  await expect(page.locator("#plan-picker option")).toHaveCount(2);
  await expect(page.locator("#brand-name")).toHaveValue("");
  await expect(page.locator(".lane-column")).toHaveCount(1);
  await app.setField("brand-name", "Second brand");
  await app.choose("plan-picker", "sample-fernleaf");
  await expect(page.locator("#brand-name")).toHaveValue("Fernleaf Coffee");
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete plan" }).click();
  await expect(page.locator("#plan-picker option")).toHaveCount(1);
  await expect(page.locator("#brand-name")).toHaveValue("Second brand");
  await page.reload();
  await expect(page.locator("#brand-name")).toHaveValue("Second brand");
  await expect(page.locator("#plan-picker option")).toHaveCount(1);
});

test("the picker lists plans in the order they were made, and a copy keeps its number after deletes and reloads", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  const options = page.locator("#plan-picker option");
  const duplicate = page.getByRole("button", { name: "Duplicate" });
  await duplicate.click();
  await expect(page.locator("#plan-picker option:checked")).toHaveText("Fernleaf Coffee (2)");
  await duplicate.click();
  await page.getByRole("button", { name: "New plan" }).click();
  await expect(options).toHaveText([
    "Fernleaf Coffee",
    "Fernleaf Coffee (2)",
    "Fernleaf Coffee (3)",
    "Untitled plan",
  ]);
  // Deleting the second copy leaves the third its number.
  await app.choose("plan-picker", await options.nth(1).getAttribute("value"));
  await expect(page.locator("#plan-picker option:checked")).toHaveText("Fernleaf Coffee (2)");
  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete plan" }).click();
  await expect(options).toHaveText(["Fernleaf Coffee", "Fernleaf Coffee (3)", "Untitled plan"]);
  // The plan before the deleted one opens.
  await expect(page.locator("#plan-picker option:checked")).toHaveText("Fernleaf Coffee");
  // Naming the new plan puts its name in the picker, where it was.
  await app.choose("plan-picker", await options.nth(2).getAttribute("value"));
  await app.setField("brand-name", "Aster Tea");
  await expect(options).toHaveText(["Fernleaf Coffee", "Fernleaf Coffee (3)", "Aster Tea"]);
  await page.reload();
  await expect(options).toHaveText(["Fernleaf Coffee", "Fernleaf Coffee (3)", "Aster Tea"]);
  await expect(page.locator("#plan-picker option:checked")).toHaveText("Aster Tea");
  await expect(page.locator("#brand-name")).toHaveValue("Aster Tea");
  app.expectNoErrors();
});

test("each tab reopens its own plan on reload", async ({ context }) => {
  const a = new Planner(await context.newPage());
  await a.open();
  await a.page.getByRole("button", { name: "New plan" }).click();
  await expect(a.page.locator("#brand-name")).toHaveValue("");
  const b = new Planner(await context.newPage());
  await b.open();
  await b.choose("plan-picker", "sample-fernleaf");
  await expect(b.page.locator("#brand-name")).toHaveValue("Fernleaf Coffee");
  await a.page.reload();
  await expect(a.page.locator("#brand-name")).toHaveValue("");
  await b.page.reload();
  await expect(b.page.locator("#brand-name")).toHaveValue("Fernleaf Coffee");
});

test("a new tab opens the plan last opened anywhere, not the one last edited", async ({ context }) => {
  const a = new Planner(await context.newPage());
  await a.open();
  const b = new Planner(await context.newPage());
  await b.open();
  await b.page.getByRole("button", { name: "New plan" }).click();
  await expect(b.page.locator("#brand-name")).toHaveValue("");
  // A keeps editing the sample while B has the new plan open.
  await a.setField("plan-notes", "Edited in A");
  const notes = () => a.page.evaluate(() => JSON.parse(localStorage.getItem("switchyard.plan.sample-fernleaf")).plan.notes);
  await expect.poll(notes).toBe("Edited in A");
  const c = new Planner(await context.newPage());
  await c.open();
  await expect(c.page.locator("#brand-name")).toHaveValue("");
});

test("every open tab's picker gives a plan the name the last save gave it", async ({ context }) => {
  const a = new Planner(await context.newPage());
  await a.open();
  const b = new Planner(await context.newPage());
  await b.open();
  const picker = (tab) => tab.page.locator("#plan-picker option");
  // A copy made in one tab is named the same in the other.
  await a.page.getByRole("button", { name: "Duplicate" }).click();
  await expect(picker(a)).toHaveText(["Fernleaf Coffee", "Fernleaf Coffee (2)"]);
  await expect(picker(b)).toHaveText(["Fernleaf Coffee", "Fernleaf Coffee (2)"]);
  // Names another tab saves, such as one that crossed this tab's save,
  // replace this tab's, and the plan that held a name given away is
  // named afresh.
  const copy = await a.page.evaluate(() => JSON.parse(localStorage.getItem("switchyard.index")).plans[1]);
  await b.page.evaluate((copy) => {
    const index = JSON.parse(localStorage.getItem("switchyard.index"));
    index.plans = ["sample-fernleaf", copy];
    index.labels = ["Fernleaf Coffee (3)", "Fernleaf Coffee"];
    localStorage.setItem("switchyard.index", JSON.stringify(index));
  }, copy);
  await expect(picker(a)).toHaveText(["Fernleaf Coffee (3)", "Fernleaf Coffee"]);
  await expect(a.page.locator("#plan-picker option:checked")).toHaveText("Fernleaf Coffee");
  // The names survive a reload, and the tab that took them does not save them back changed.
  await a.page.reload();
  await expect(picker(a)).toHaveText(["Fernleaf Coffee (3)", "Fernleaf Coffee"]);
  a.expectNoErrors();
  b.expectNoErrors();
});

test("two tabs never silently overwrite each other", async ({ context }) => {
  const a = new Planner(await context.newPage());
  await a.open();
  const b = new Planner(await context.newPage());
  await b.open();

  // A saved change in one tab shows up in the other.
  await a.setField("brand-name", "Changed in A");
  await expect(b.page.locator("#brand-name")).toHaveValue("Changed in A");
  await expect(b.notice()).toContainText("updated from another tab");

  // A tab that missed another's save finds out when it saves, and asks.
  await b.page.evaluate(() => {
    const key = "switchyard.plan.sample-fernleaf";
    const saved = JSON.parse(localStorage.getItem(key));
    saved.rev += 1;
    saved.plan.notes = "written elsewhere";
    localStorage.setItem(key, JSON.stringify(saved));
  });
  await b.setField("brand-name", "Changed in B");
  await expect(b.page.locator("#conflict")).toContainText("changed in another tab");
  // The plan is named, since another may be open by the time it is answered.
  await expect(b.page.locator("#conflict")).toContainText(/^The plan “[^”]+” was changed/);
  expect((await b.savedPlan()).plan.notes).toBe("written elsewhere");
  await b.page.getByRole("button", { name: "Keep this tab's version" }).click();
  await expect(b.page.locator("#conflict")).toHaveCount(0);
  await expect.poll(async () => (await b.savedPlan()).plan.brand.name).toBe("Changed in B");
  await expect(a.page.locator("#brand-name")).toHaveValue("Changed in B");

  // Text being typed in a field stays while the other tab saves that field.
  await a.page.locator("#brand-name").fill("Typed in A");
  await b.setField("brand-name", "From B");
  await expect(a.notice()).toContainText("updated from another tab");
  await expect(a.page.locator("#brand-name")).toHaveValue("Typed in A");
  await expect(a.page.locator("#brand-name")).toBeFocused();
  // The field says what the other tab saved, which leaving it replaces.
  await expect(a.page.locator("#brand-name-notes")).toContainText(
    "Another tab saved “From B” here while you typed. Leaving the field keeps your text; Undo then brings “From B” back.",
  );
  await a.page.locator("#brand-name").press("Tab");
  await expect(a.page.locator("#brand-name-notes")).not.toContainText("Another tab saved");
  await expect.poll(async () => (await a.savedPlan()).plan.brand.name).toBe("Typed in A");
  await a.page.getByRole("button", { name: "Undo" }).click();
  await expect(a.page.locator("#brand-name")).toHaveValue("From B");
});

test("text typed into what another tab deletes is kept, and the tab asks which version to keep", async ({ context }) => {
  const a = new Planner(await context.newPage());
  await a.open();
  const b = new Planner(await context.newPage());
  await b.open();
  await a.goTo("journeys");
  await a.journeyRow("winback").getByRole("button", { name: "Edit Winback after 90 days" }).click();
  await a.page.locator("#journey-winback-name").fill("Typed in A");
  // B's save drops the journey A is typing in.
  await b.page.evaluate(() => {
    const key = "switchyard.plan.sample-fernleaf";
    const saved = JSON.parse(localStorage.getItem(key));
    saved.rev += 1;
    saved.plan.journeys = saved.plan.journeys.filter((j) => j.id !== "winback");
    localStorage.setItem(key, JSON.stringify(saved));
  });
  await expect(a.page.locator("#conflict")).toContainText("changed in another tab");
  await a.page.getByRole("button", { name: "Keep this tab's version" }).click();
  await expect.poll(async () => (await a.savedPlan()).plan.journeys.find((j) => j.id === "winback")?.name).toBe("Typed in A");
  // A plan deleted in B while A types in it: A asks too, and the text
  // does not land in the plan opened in its place.
  await a.page.getByRole("button", { name: "New plan" }).click();
  await a.goTo("overview");
  const id = await a.page.locator("#plan-picker").inputValue();
  await a.page.locator("#plan-notes").fill("Notes typed in A");
  await b.page.evaluate((id) => localStorage.removeItem(`switchyard.plan.${id}`), id);
  await expect(a.page.locator("#conflict")).toContainText("deleted");
  await a.page.getByRole("button", { name: "Keep this tab's version" }).click();
  await expect(a.page.locator("#plan-notes")).toHaveValue("Notes typed in A");
  await expect.poll(() => a.page.evaluate((id) => JSON.parse(localStorage.getItem(`switchyard.plan.${id}`))?.plan.notes, id)).toBe("Notes typed in A");
  const sample = await a.page.evaluate(() => JSON.parse(localStorage.getItem("switchyard.plan.sample-fernleaf")).plan.notes);
  expect(sample).not.toBe("Notes typed in A");
});

test("the layout fits a laptop screen and controls have labels", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new Planner(page);
  await app.open();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const tab of ["overview", "lanes", "journeys", "rules"]) {
    await app.goTo(tab);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("input:not([type=file]), select, textarea")].filter(
        (el) => !(el.labels && el.labels.length) && !el.getAttribute("aria-label"),
      ).map((el) => el.id),
    );
    expect(unlabelled, `unlabelled controls on ${tab}`).toEqual([]);
  }
  // The tabs can be reached and used from the keyboard alone.
  await page.locator("#tab-overview").focus();
  await page.keyboard.press("Tab");
  await expect(page.locator("#tab-lanes")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#tab-lanes")).toHaveAttribute("aria-current", "page");
});

test("a journey's lane override wins over the rules", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await app.journeyRow("winback").getByRole("button", { name: "Edit Winback after 90 days" }).click();
  await app.choose("journey-winback-lane", "promotional");
  const row = app.journeyRow("winback");
  await expect(row.locator(".lane-cell")).toHaveText("Promotional");
  await expect(row.locator(".reason")).toHaveText("Lane chosen on the journey (override)");
  await app.goTo("rules");
  await expect(page.getByText("1 journey uses a lane override and skips these rules.")).toBeVisible();
  await expect(page.locator("#rule-rule-lifecycle-caught")).not.toContainText("Winback");
  // A lane is picked by typing its name in the Lane field.
  await app.goTo("journeys");
  const lane = page.locator("#journey-winback-lane");
  await lane.focus();
  await page.keyboard.type("Trans");
  await page.keyboard.press("Tab");
  await expect(lane).toHaveValue("transactional");
  await expect(lane.locator("option:checked")).toHaveText("Transactional (always)");
  await expect(row.locator(".lane-cell")).toHaveText("Transactional");
  app.expectNoErrors();
});

test("the page has a strict Content Security Policy and serves the plan schema", async ({ page, request }) => {
  const app = new Planner(page);
  await app.open();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("default-src 'none'");
  expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain("unsafe-inline");
  const schema = await (await request.get("/plan.schema.json")).json();
  expect(schema.title).toBe("Plan");
  expect(schema.required).toContain("lanes");
  await expect(page.getByRole("link", { name: "Plan file format (JSON Schema)" })).toHaveAttribute("href", "plan.schema.json");
  app.expectNoErrors();
});

test("a plan file dropped on the page is imported", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  const plan = (await app.savedPlan()).plan;
  plan.id = "dropped";
  plan.brand.name = "Dropped brand";
  const transfer = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], "dropped.json", { type: "application/json" }));
    return data;
  }, JSON.stringify(plan));
  await page.dispatchEvent("body", "dragover", { dataTransfer: transfer });
  await expect(page.locator(".drop-hint")).toBeVisible();
  await page.dispatchEvent("body", "drop", { dataTransfer: transfer });
  await expect(app.notice()).toContainText("Imported “Dropped brand”");
  await expect(page.locator("#plan-picker")).toHaveValue("dropped");
  await expect(page.locator(".drop-hint")).toHaveCount(0);
  app.expectNoErrors();
});

test("a plan file dropped while a field is being typed in keeps the text in its own plan; two files at once are refused", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  const plan = (await app.savedPlan()).plan;
  plan.id = "client-b";
  plan.brand.name = "Client B";
  const drop = async (names) => {
    const transfer = await page.evaluateHandle(([text, names]) => {
      const data = new DataTransfer();
      for (const name of names) data.items.add(new File([text], name, { type: "application/json" }));
      return data;
    }, [JSON.stringify(plan), names]);
    await page.dispatchEvent("body", "drop", { dataTransfer: transfer });
  };
  await app.goTo("lanes");
  await page.locator("#lane-promotional-from-name").fill("Typed for the sample");
  await drop(["b.json"]);
  await expect(app.notice()).toContainText("Imported “Client B”");
  const saved = await page.evaluate(() => Object.keys(localStorage)
    .filter((key) => key.startsWith("switchyard.plan."))
    .map((key) => JSON.parse(localStorage.getItem(key)).plan)
    .map((plan) => [plan.id, plan.lanes[2].from_name]));
  expect(saved).toContainEqual(["client-b", "Fernleaf Coffee"]);
  expect(saved.some(([id, name]) => id !== "client-b" && name === "Typed for the sample")).toBe(true);
  await drop(["c.json", "d.json"]);
  await expect(app.notice()).toContainText("2 files were dropped");
  app.expectNoErrors();
});

test("a very long brand name wraps instead of widening the page", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.setField("brand-name", "Fernleaf".repeat(30));
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await expect(page.locator("#plan-picker option:checked")).toHaveText("Fernleaf".repeat(30));
  expect(await overflow()).toBeLessThanOrEqual(0);
  await app.goTo("report");
  await expect(page.locator("#readiness-heading")).toContainText("FernleafFernleaf");
  expect(await overflow()).toBeLessThanOrEqual(0);
  for (const tab of ["lanes", "domains", "platform", "warmup", "checklist", "problems"]) {
    await app.goTo(tab);
    await expect(page.locator(`#tab-${tab}`)).toHaveAttribute("aria-current", "page");
    expect(await overflow(), tab).toBeLessThanOrEqual(0);
  }
  app.expectNoErrors();
});

test("a very long lane name is cut short in the journeys' lane filter instead of widening it", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await app.setField("lane-promotional-name", "Promotions ".repeat(30).trim());
  await app.goTo("journeys");
  await expect(page.locator("#filter-lane option", { hasText: "Promotions Promotions" })).toHaveCount(1);
  // The filter keeps a filter's width, leaving room for the others beside it.
  const width = await page.locator("#filter-lane").evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBeLessThanOrEqual(400);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  app.expectNoErrors();
});

test("an unreadable saved copy can be downloaded as it is and removed, and stops being reported", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await page.evaluate(() => localStorage.setItem("switchyard.plan.broken-one", '{"rev": 3, "plan": {"id": "broken-one", "lanes": ['));
  await page.reload();
  const damaged = page.locator("#damaged");
  await expect(damaged).toContainText("A saved plan could not be read");
  // The copy is cut before its brand: it is said to have no name, not named by its id.
  await expect(damaged).toContainText("A plan whose name cannot be read");
  await expect(damaged).not.toContainText("broken-one");
  // Another message comes and goes; the offer stays until it is taken.
  await page.getByRole("button", { name: "New plan" }).click();
  await expect(app.notice()).toBeVisible();
  await page.getByRole("button", { name: "Dismiss message", exact: true }).click();
  await expect(damaged).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    damaged.getByRole("button", { name: "Download it as it is and remove it" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("switchyard-unreadable-copies.json");
  const kept = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(kept["switchyard.plan.broken-one"]).toBe('{"rev": 3, "plan": {"id": "broken-one", "lanes": [');
  await expect(app.notice()).toContainText("removed it from this browser");
  await expect(damaged).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem("switchyard.plan.broken-one"))).toBeNull();
  await page.reload();
  // The new plan is open again, and the plan it was made beside is kept.
  await expect(page.locator("#brand-name")).toHaveValue("");
  await expect(page.locator("#plan-picker option", { hasText: "Fernleaf Coffee" })).toHaveCount(1);
  await expect(page.locator("#notice")).toHaveCount(0);
  await expect(damaged).toHaveCount(0);
});

test("a damaged copy of the only plan is kept for download while the sample opens beside it", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await page.locator("#plan-notes").fill("Our precious notes");
  await page.locator("#plan-notes").press("Tab");
  const key = "switchyard.plan.sample-fernleaf";
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), key)).toContain("Our precious notes");
  const damaged = await page.evaluate((k) => {
    const text = localStorage.getItem(k).slice(0, -30);
    localStorage.setItem(k, text);
    return text;
  }, key);
  await page.reload();
  // Named as the picker named it, never by its id.
  await expect(page.locator("#damaged")).toContainText("“Fernleaf Coffee”: the saved copy is damaged");
  await expect(page.locator("#brand-name")).toHaveValue("Fernleaf Coffee");
  // The sample that opens is saved under an id of its own, leaving the damaged copy alone.
  await page.locator("#brand-name").fill("Fernleaf Coffee Co");
  await page.locator("#brand-name").press("Tab");
  await expect.poll(() => page.evaluate(() => localStorage.getItem("switchyard.plan.sample-fernleaf-1"))).toContain("Fernleaf Coffee Co");
  expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe(damaged);
  await page.reload();
  // The index no longer names it: the brand its copy still shows does.
  await expect(page.locator("#damaged")).toContainText("“Fernleaf Coffee”");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download it as it is and remove it" }).click(),
  ]);
  const kept = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(kept[key]).toBe(damaged);
  await expect(page.locator("#brand-name")).toHaveValue("Fernleaf Coffee Co");
});

test("Open on a finding about a journey's trigger goes to that field of its editor", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-cart-recovery-edit").click();
  await app.setField("journey-cart-recovery-event", "");
  await app.goTo("problems");
  await page.locator("li.problem", { hasText: "The trigger event has no name" }).getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#journey-cart-recovery-event")).toBeFocused();
  app.expectNoErrors();
});

test("Open on a finding about the brand's name or domain goes to that field", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await page.getByRole("button", { name: "New plan" }).click();
  await app.goTo("problems");
  await page.locator("li.problem", { hasText: "Brand › name" }).getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#brand-name")).toBeFocused();
  await app.goTo("problems");
  await page.locator("li.problem", { hasText: "Brand › primary domain" }).first().getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#brand-domain")).toBeFocused();
  app.expectNoErrors();
});

test("a promotional lane can be filtered to a high predicted intent segment", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await expect(page.locator("#lane-promotional-filter-days")).toHaveValue("90");
  await app.choose("lane-promotional-filter", "predicted_intent");
  await expect(page.locator("#lane-promotional-filter-days")).toHaveCount(0);
  await expect.poll(async () => (await app.savedPlan()).plan.lanes[2].engagement_filter).toEqual({ kind: "predicted_intent" });
  // Back to a window, which starts from a typical one.
  await app.choose("lane-promotional-filter", "engaged_within");
  await expect(page.locator("#lane-promotional-filter-days")).toHaveValue("90");
  app.expectNoErrors();
});

test("a lane without a Reply-To on a subdomain that takes no mail is a problem, fixed with another lane's", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await app.setField("lane-promotional-reply-to", "");
  await app.goTo("problems");
  const problem = page.locator("li.problem", { hasText: "has no Reply-To" });
  await expect(problem).toContainText("a customer's reply is likely to bounce");
  await problem.getByRole("button", { name: /^Fix: Use care@fernleafcoffee.com, as .+ does$/ }).click();
  await expect(page.locator("li.problem", { hasText: "has no Reply-To" })).toHaveCount(0);
  await app.goTo("lanes");
  await expect(page.locator("#lane-promotional-reply-to")).toHaveValue("care@fernleafcoffee.com");
  app.expectNoErrors();
});

test("Open on a rule's owning-team finding lands on its fix, which clears it", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  const plan = JSON.parse(await readFile(await (await app.exportPlan()).path(), "utf8"));
  plan.brand.name = "Fernleaf Teams";
  plan.rules[1].when.owning_teams = ["Lifecycle"];
  await app.importFile("teams.json", JSON.stringify(plan));
  await expect(app.notice()).toContainText("Imported “Fernleaf Teams”");
  await app.goTo("problems");
  const problem = page.locator("li.problem", { hasText: "conditioned on the owning team" });
  await problem.getByRole("button", { name: "Open" }).click();
  const fix = page.locator(`#rule-${plan.rules[1].id}-teams`);
  await expect(fix).toBeFocused();
  await expect(page.locator(`#rule-${plan.rules[1].id}`)).toContainText("Owning team is any of: Lifecycle.");
  await page.keyboard.press("Enter");
  await expect(page.locator(`#rule-${plan.rules[1].id}`)).not.toContainText("Owning team");
  await expect.poll(async () => (await app.savedPlan()).plan.rules[1].when.owning_teams ?? []).toEqual([]);
  app.expectNoErrors();
});
