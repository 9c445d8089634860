// The simulation flows: compare "this plan" with one lane, change what-if
// settings, and watch a fallback plan fire.
import { test, expect } from "@playwright/test";
import { Planner } from "./planner.mjs";

test("the plan is compared with everything on one lane, and what-if settings change it", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("simulation");
  const comparison = page.locator("#simulation-comparison");
  await expect(comparison).toContainText("This plan against everything on one lane, over 90 days");
  // The model card the page links to is served beside the app.
  const card = await page.request.get(await page.getByRole("link", { name: "model card" }).getAttribute("href"));
  expect(card.status()).toBe(200);
  expect(await card.text()).toContain("# Reputation model card");
  await expect(comparison.locator("thead")).toContainText("This planOne laneDifference");
  const before = await comparison.locator("tbody").innerText();
  // Three times the promotions: the numbers move.
  await app.setField("f-sim-promo_frequency_percent", "300");
  await expect(comparison.locator("tbody")).not.toHaveText(before);
  await expect(page.locator("#simulation-promotional svg[role=img]").first()).toHaveAttribute("aria-label", /mail wanted and accepted each day/);
  // The provider mix must add up to 100%.
  await app.setField("f-sim-mix-0", "50");
  await expect(page.locator("#simulation-settings")).toContainText("adds up to 105%, not 100%");
  await app.setField("f-sim-mix-4", "3");
  await expect(page.locator("#simulation-settings")).not.toContainText("adds up to");
  // A stricter health gate holds the promotional warm-up back.
  const promo = page.locator("#simulation-promotional .figures");
  const loose = await promo.innerText();
  await app.setField("f-sim-gate_complaint_percent", "0.01");
  await expect(promo).not.toHaveText(loose);
  await expect(page.locator("#simulation-promotional svg[role=img]").nth(1)).toHaveAttribute("aria-label", /revenue each day/);
  const saved = await app.savedPlan();
  expect(saved.plan.simulation.gate_complaint_percent).toBe(0.01);
  expect(saved.plan.simulation.mix_percent).toEqual([50, 15, 20, 12, 3]);
  expect(saved.plan.simulation.promo_frequency_percent).toBe(300);
  app.expectNoErrors();
});

test("a fallback plan fires on its trigger and shows when", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("simulation");
  // Complaints three times the model's push the revenue flows to Bad.
  await app.setField("f-sim-complaint_percent", "300");
  const lane = page.locator("#simulation-revenue-flows");
  await expect(lane.locator(".figures")).toContainText("Fallbackdid not fire");
  await app.choose("f-fallback-revenue-flows-action", "tighten_to30_days");
  await expect(lane.locator(".figures")).toContainText(/Fallbackfired on \d{4}-\d{2}-\d{2}/);
  await lane.locator("summary").click();
  await expect(lane.locator("table")).toContainText("Fallback fires");
  // Shifting needs a lane to shift to, and warns when that lane is cold.
  await app.choose("f-fallback-revenue-flows-action", "shift");
  await expect(page.locator("#simulation-fallbacks")).toContainText("needs another lane to take them");
  await app.choose("f-fallback-revenue-flows-shift_lane", "promotional");
  await expect(page.locator("#simulation-fallbacks")).toContainText("which is not warm itself");
  // Problems name the finding's place as the row does, and Open goes to it.
  await app.goTo("problems");
  const problem = page.locator("li.problem", { hasText: "which is not warm itself" });
  await expect(problem).toContainText("Simulation › fallback plans › Lane “Revenue flows” › shift to");
  await problem.getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#f-fallback-revenue-flows-shift_lane")).toBeFocused();
  app.expectNoErrors();
});

test("the simulation tab fits a laptop screen and every control has a label", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new Planner(page);
  await app.open();
  await app.goTo("simulation");
  await expect(page.locator("#simulation-comparison")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea")].filter((el) => !(el.labels && el.labels.length)).map((el) => el.id),
  );
  expect(unlabelled).toEqual([]);
  app.expectNoErrors();
});

test("a chart reads out the day under the pointer, and the arrow keys step through the days", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("simulation");
  const lane = page.locator("#simulation-promotional");
  const figure = lane.locator("figure.chart").first();
  const readout = figure.locator(".readout");
  await expect(readout).toContainText("Point at a day");
  const dates = await lane.locator("table tbody td.date").allTextContents();
  // The pointer over the first day's bar reads that day.
  await figure.scrollIntoViewIfNeeded();
  const box = await figure.locator("svg[role=img]").boundingBox();
  await page.mouse.move(box.x + 1, box.y + box.height / 2);
  await expect(readout).toContainText(new RegExp(`^${dates[0]} \\(\\w{3}\\): [\\d,]+ wanted, cap [\\d,]+, `));
  await page.mouse.move(box.x + box.width - 1, box.y + box.height / 2);
  await expect(readout).toContainText(dates[dates.length - 1]);
  // The keyboard picks days too, and the peak date says so.
  await figure.locator(".plot").focus();
  await page.keyboard.press("Home");
  await expect(readout).toContainText(dates[0]);
  await page.keyboard.press("ArrowRight");
  await expect(readout).toContainText(dates[1]);
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft");
  await expect(readout).toContainText(dates[dates.length - 2]);
  const saved = await app.savedPlan();
  const peak = saved.plan.lanes.find((l) => l.id === "promotional").warmup.target_date;
  // The sample's peak, Black Friday, falls within the run.
  expect(dates).toContain(peak);
  await expect(figure.locator(".legend")).toContainText("Peak date");
  await page.keyboard.press("Home");
  for (let i = 0; i < dates.indexOf(peak); i++) await page.keyboard.press("ArrowRight");
  await expect(readout).toContainText(`${peak}`);
  await expect(readout).toContainText("the peak date");
  // The outcome chart reads inbox placement and revenue.
  await lane.locator("figure.chart.outcome .plot").focus();
  await page.keyboard.press("Home");
  await expect(lane.locator("figure.chart.outcome .readout")).toContainText(new RegExp(`^${dates[0]} \\(\\w{3}\\): .*(inbox|nothing delivered)`));
  app.expectNoErrors();
});
