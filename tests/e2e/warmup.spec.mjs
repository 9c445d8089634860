// The warm-up flows: a schedule per lane, its calendar over sending days,
// the peak target, the CSV export.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { Planner } from "./planner.mjs";

test("the sample's promotional lane warms up in time for its peak", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  const lane = page.locator("#warmup-promotional");
  await expect(lane).toContainText("Braze docs");
  await expect(lane.locator(".figures")).toContainText("60,000 a day: reached");
  await expect(lane.locator("svg[role=img]")).toHaveAttribute("aria-label", /the warm-up cap against the mail wanted/);
  // The table view of the chart: weekends do not advance the ramp.
  await lane.locator("summary", { hasText: "as a table" }).click();
  const rows = lane.locator("table.calendar tbody tr");
  await expect(rows.nth(0)).toContainText("2027-09-06");
  await expect(rows.nth(5)).toHaveClass(/idle/);
  await expect(rows.nth(7).locator("td").nth(1)).toHaveText("6");
  // From the day after it warms, the ramp no longer limits the lane: its
  // days say "warm" instead of a cap far above the mail.
  const warmDay = rows.filter({ hasText: "2027-09-21" });
  await expect(warmDay).toContainText("The cap now covers the lane's busiest day and its peak target.");
  await expect(rows.filter({ hasText: "2027-09-22" }).locator("td").nth(2)).toHaveText("warm");
  await expect(rows.last().locator("td").nth(2)).toHaveText("warm");
  // The chart reads out a day: the second Saturday sends nothing. Before
  // a pick it stands on the first day, which it reads once the keyboard
  // reaches it, so the first step right reaches the second.
  await lane.locator("figure.chart .plot").focus();
  const readout = lane.locator("figure.chart .readout");
  await expect(lane.locator("figure.chart .plot")).toHaveAttribute("aria-valuenow", "1");
  // Reached with Tab, it reads the day it stands on at once.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await expect(lane.locator("figure.chart .plot")).toBeFocused();
  await expect(readout).toContainText(/^2027-09-06 \(Mon\)/);
  await page.keyboard.press("ArrowRight");
  await expect(readout).toContainText(/^2027-09-07 \(Tue\)/);
  // As on any slider, up is right and down is left.
  await page.keyboard.press("ArrowUp");
  await expect(readout).toContainText(/^2027-09-08 \(Wed\)/);
  await page.keyboard.press("ArrowDown");
  await expect(readout).toContainText(/^2027-09-07 \(Tue\)/);
  await page.keyboard.press("Home");
  await expect(readout).toContainText(/^2027-09-06 \(Mon\): [\d,]+ wanted, [\d,]+ sent, cap [\d,]+/);
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect(readout).toContainText(/^2027-09-11 \(Sat\): does not send/);
  await page.keyboard.press("PageDown");
  await expect(readout).toContainText("2027-09-18 (Sat)");
  // The guide marks the picked day's bar: the last day at the right edge.
  await page.keyboard.press("End");
  // A warm day reads as the table calls it.
  await expect(readout).toContainText(", warm, no cap");
  const plot = await lane.locator("figure.chart svg[role=img]").boundingBox();
  const guide = await lane.locator("figure.chart .guide").boundingBox();
  expect(guide.x).toBeGreaterThan(plot.x + plot.width * 0.98);
  expect(guide.x).toBeLessThan(plot.x + plot.width);
  // The day picked stays picked by its date when the calendar moves.
  await page.keyboard.press("Home");
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  await expect(readout).toContainText(/^2027-09-11 \(Sat\)/);
  await app.setField("f-warmup-promotional-start_date", "2027-09-08");
  await expect(readout).toContainText(/^2027-09-11 \(Sat\)/);
  // A day before the new start is gone from the chart, so none is picked.
  await lane.locator("figure.chart .plot").focus();
  await page.keyboard.press("Home");
  await expect(readout).toContainText(/^2027-09-08 /);
  await app.setField("f-warmup-promotional-start_date", "2027-09-13");
  await expect(readout).toHaveText("Point at a day, or use the arrow keys, to read its figures.");
  app.expectNoErrors();
});

test("picking a preset and moving the start date redraws the calendar", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  await app.choose("f-warmup-transactional-preset", "sparkpost");
  const lane = page.locator("#warmup-transactional");
  await expect(lane).toContainText("SparkPost support docs");
  const figures = lane.locator(".figures");
  // Warm once the cap covers the lane's 4,250 a day: SparkPost's day 5.
  await app.setField("f-warmup-transactional-start_date", "2027-03-01");
  await expect(figures).toContainText("Warm on2027-03-05");
  // Warming up to a 500,000 peak takes 17 sending days.
  await app.setField("f-warmup-transactional-target_volume", "500000");
  await expect(figures).toContainText("Warm on2027-03-17");
  const chart = lane.locator("svg[role=img]");
  await expect(chart).toHaveAttribute("aria-label", /2027-03-01 to /);
  await app.setField("f-warmup-transactional-start_date", "2027-03-08");
  await expect(figures).toContainText("Warm on2027-03-24");
  // The chart and the calendar follow the new start.
  await expect(chart).toHaveAttribute("aria-label", /2027-03-08 to /);
  await lane.locator("summary", { hasText: "as a table" }).click();
  await expect(lane.locator("table.calendar tbody tr").first()).toContainText("2027-03-08");
  // Weekends off: only sending days advance the ramp.
  await page.locator("#f-warmup-transactional-weekday-6").uncheck();
  await page.locator("#f-warmup-transactional-weekday-7").uncheck();
  await expect(figures).toContainText("Warm on2027-03-30");
  // A peak date too soon says so, with the latest start that works.
  await app.setField("f-warmup-transactional-target_date", "2027-03-26");
  await expect(figures).toContainText("500,000 a day: not reached (cap 325,000 that day)");
  await expect(figures).toContainText("Latest start that reaches it2027-03-04");
  const saved = await app.savedPlan();
  expect(saved.plan.lanes[0].warmup.preset).toBe("sparkpost");
  expect(saved.plan.lanes[0].warmup.sending_weekdays).toEqual([1, 2, 3, 4, 5]);
  // One undo step per change.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(lane.locator(".figures")).toContainText("Peak targetno peak date set");
  app.expectNoErrors();
});

test("the calendar downloads as CSV and overflow choices are validated", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  const pending = page.waitForEvent("download");
  await page.locator("#download-warmup-promotional").click();
  const download = await pending;
  expect(download.suggestedFilename()).toBe("warmup-promotional.csv");
  const csv = await readFile(await download.path(), "utf8");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toBe("date,sending,ramp_day,daily_cap,wanted,waiting,sent_engaged_30,sent_engaged_60,sent_engaged_90,sent_others,over_cap,off_day,note");
  expect(lines[1]).toMatch(/^2027-09-06,yes,1,50,/);
  expect(csv).toContain(`2027-10-11,no,,,27000,0,0,0,0,0,0,27000,"Skipped date: the ramp holds, and the day's 27,000 messages are not sent."`);
  // Spilling needs a warm lane; the transactional lane is warm.
  await app.choose("f-warmup-promotional-overflow", "spill");
  await expect(page.locator("#warmup-promotional")).toContainText("Overflow spills to a lane, but none is chosen.");
  await app.choose("f-warmup-promotional-spill_lane", "transactional");
  await expect(page.locator("#warmup-promotional")).not.toContainText("none is chosen");
  await expect(page.locator("#warmup-promotional .figures")).toContainText("messages, spilled to Transactional");
  // The mail of the ramp's weekends and the skipped date is counted too.
  const figures = page.locator("#warmup-promotional .figures");
  await expect(figures).toContainText("On days the lane does not send135,000 messages wanted, not sent");
  await app.choose("f-warmup-promotional-overflow", "defer");
  await expect(figures).toContainText("On days the lane does not send135,000 messages wanted, wait for the next sending day");
  app.expectNoErrors();
});

test("a warming lane without a plan is flagged, and the problem opens the warm-up tab", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  await app.choose("f-warmup-promotional-preset", "none");
  await app.goTo("problems");
  const problem = page.locator("li.problem", { hasText: "Promotional is warming but has no warm-up plan." });
  await problem.getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#tab-warmup")).toHaveAttribute("aria-current", "page");
  await expect(page.locator("#warmup-promotional")).toBeFocused();
  // The click came from the mouse, yet the ring shows where the user landed.
  await expect(page.locator("#warmup-promotional:focus-visible")).toHaveCount(1);
  app.expectNoErrors();
});

test("choosing no warm-up and then a schedule again brings back the lane's dates", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  const start = page.locator("#f-warmup-promotional-start_date");
  await expect(start).toHaveValue("2027-09-06");
  await app.setField("f-warmup-promotional-target_volume", "70000");
  await app.choose("f-warmup-promotional-preset", "none");
  await expect(start).toHaveCount(0);
  await app.choose("f-warmup-promotional-preset", "sendgrid_automated");
  await expect(start).toHaveValue("2027-09-06");
  await expect(page.locator("#f-warmup-promotional-target_volume")).toHaveValue("70000");
  const saved = await app.savedPlan();
  const warmup = saved.plan.lanes.find((l) => l.id === "promotional").warmup;
  expect(warmup.preset).toBe("sendgrid_automated");
  expect(warmup.skipped_dates).toEqual(["2027-10-11"]);
  app.expectNoErrors();
});

test("the warm-up tab fits a laptop screen and every control has a label", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  await app.choose("f-warmup-transactional-preset", "custom");
  await expect(page.locator("#f-warmup-transactional-custom-start_volume")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea")].filter((el) => !(el.labels && el.labels.length)).map((el) => el.id),
  );
  expect(unlabelled).toEqual([]);
  // A lane's field is named with its lane, with no stray space before the comma.
  await expect(page.getByRole("combobox", { name: "Schedule, Transactional", exact: true })).toHaveCount(1);
  app.expectNoErrors();
});

test("days without sending are picked as dates, each its own input, and hold the ramp", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  await app.choose("f-warmup-transactional-preset", "sparkpost");
  await app.setField("f-warmup-transactional-start_date", "2027-03-01");
  const lane = page.locator("#warmup-transactional");
  const figures = lane.locator(".figures");
  await expect(figures).toContainText("Warm on2027-03-05");
  const day = (i) => page.locator(`#f-warmup-transactional-skipped_dates-${i}`);
  const add = page.locator("#f-warmup-transactional-skipped_dates-add");
  // Two days added one right after the other: each lands, in date order,
  // and the adding input is empty again.
  await app.setField("f-warmup-transactional-skipped_dates-add", "2027-03-03");
  await app.setField("f-warmup-transactional-skipped_dates-add", "2027-03-02");
  await expect(day(0)).toHaveValue("2027-03-02");
  await expect(day(1)).toHaveValue("2027-03-03");
  await expect(add).toHaveValue("");
  await expect(figures).toContainText("Warm on2027-03-07");
  // A day listed already, added again or moved onto, is said to be so,
  // and the list keeps both days.
  const notes = page.locator("#f-warmup-transactional-skipped_dates-notes");
  await app.setField("f-warmup-transactional-skipped_dates-add", "2027-03-03");
  await expect(notes).toContainText("2027-03-03 is listed already.");
  await app.setField("f-warmup-transactional-skipped_dates-0", "2027-03-03");
  await expect(notes).toContainText("2027-03-03 is listed already.");
  await expect(day(0)).toHaveValue("2027-03-02");
  await expect(day(1)).toHaveValue("2027-03-03");
  // Moving one day and removing the other.
  await app.setField("f-warmup-transactional-skipped_dates-1", "2027-03-10");
  await expect(day(1)).toHaveValue("2027-03-10");
  await lane.getByRole("button", { name: "Remove 2027-03-02" }).click();
  await expect(day(0)).toHaveValue("2027-03-10");
  await expect(day(1)).toHaveCount(0);
  await expect(figures).toContainText("Warm on2027-03-05");
  const saved = await app.savedPlan();
  expect(saved.plan.lanes[0].warmup.skipped_dates).toEqual(["2027-03-10"]);
  // Each change is one undo step.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(day(0)).toHaveValue("2027-03-02");
  await expect(day(1)).toHaveValue("2027-03-10");
  app.expectNoErrors();
});

// The promotional lane's days without sending, with 2027-10-13 added by
// keyboard after the sample's own date.
async function withSecondDate(page) {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  const day = (i) => page.locator(`#f-warmup-promotional-skipped_dates-${i}`);
  const add = page.locator("#f-warmup-promotional-skipped_dates-add");
  await add.focus();
  await add.pressSequentially("10132027");
  await expect(day(1)).toHaveValue("2027-10-13");
  return { app, day };
}

test("a listed date edited part by part by keyboard changes that date alone, and the focus follows it", async ({ page }) => {
  const { app, day } = await withSecondDate(page);
  // The first date's day moved past the second's by arrows, then its year
  // typed: Tab between the parts takes nothing until the input is left.
  await day(0).focus();
  await page.keyboard.press("Tab");
  for (let n = 0; n < 5; n++) await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Tab");
  await page.keyboard.type("2028");
  // The year's Tab reaches the input's picker button; the next leaves it.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(day(0)).toHaveValue("2027-10-13");
  await expect(day(1)).toHaveValue("2028-10-16");
  // Leaving for the row's Remove button lands on the moved date's.
  await expect(page.getByRole("button", { name: "Remove 2028-10-16" })).toBeFocused();
  const saved = await app.savedPlan();
  expect(saved.plan.lanes[2].warmup.skipped_dates).toEqual(["2027-10-13", "2028-10-16"]);
  app.expectNoErrors();
});

test("a listed date typed over with another listed date shows its own date again and says why", async ({ page }) => {
  const { app, day } = await withSecondDate(page);
  const first = await day(0).inputValue();
  const [y, m, d] = first.split("-");
  // The second date typed over, part by part, with the first's date.
  await day(1).focus();
  await page.keyboard.type(`${m}${d}${y}`);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.locator("#f-warmup-promotional-skipped_dates-notes")).toContainText(`${first} is listed already.`);
  await expect(day(1)).toHaveValue("2027-10-13");
  await expect(day(0)).toHaveValue(first);
  const saved = await app.savedPlan();
  expect(saved.plan.lanes[2].warmup.skipped_dates).toEqual([first, "2027-10-13"]);
  app.expectNoErrors();
});

test("a date typed key by key is taken once its year is whole", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  await app.choose("f-warmup-transactional-preset", "sparkpost");
  // The browser reads the year's first figures as years 2, 20 and 202;
  // none of them is taken as a date.
  const start = page.locator("#f-warmup-transactional-start_date");
  await start.focus();
  await start.pressSequentially("03012027");
  await start.press("Tab");
  await expect(start).toHaveValue("2027-03-01");
  const add = page.locator("#f-warmup-transactional-skipped_dates-add");
  await add.focus();
  await add.pressSequentially("03032027");
  await expect(page.locator("#f-warmup-transactional-skipped_dates-0")).toHaveValue("2027-03-03");
  await expect(page.locator("#f-warmup-transactional-skipped_dates-1")).toHaveCount(0);
  await expect(add).toHaveValue("");
  // The next date typed right after starts at the month again.
  await expect(add).toBeFocused();
  await add.pressSequentially("03052027");
  await expect(page.locator("#f-warmup-transactional-skipped_dates-1")).toHaveValue("2027-03-05");
  await add.pressSequentially("03042027");
  await expect(page.locator("#f-warmup-transactional-skipped_dates-1")).toHaveValue("2027-03-04");
  await page.getByRole("button", { name: "Remove 2027-03-04" }).click();
  await page.getByRole("button", { name: "Remove 2027-03-05" }).click();
  let saved = await app.savedPlan();
  expect(saved.plan.lanes[0].warmup.start_date).toBe("2027-03-01");
  expect(saved.plan.lanes[0].warmup.skipped_dates).toEqual(["2027-03-03"]);

  // Left with half a year, the field says so and the plan keeps its date.
  await start.focus();
  await start.press("ArrowRight");
  await start.press("ArrowRight");
  await start.pressSequentially("19");
  await start.blur();
  await expect(page.locator("#f-warmup-transactional-start_date-notes")).toContainText("Type the year in full, such as 2027.");
  saved = await app.savedPlan();
  expect(saved.plan.lanes[0].warmup.start_date).toBe("2027-03-01");

  // Typed over, month, day and a year out of reach: the dates passed on
  // the way (the new month with the old year) are not taken either.
  const peak = page.locator("#f-warmup-promotional-target_date");
  await expect(peak).toHaveValue("2027-11-26");
  await peak.focus();
  await peak.pressSequentially("01152250");
  await peak.press("Tab");
  await expect(page.locator("#f-warmup-promotional-target_date-notes")).toContainText("Plans run from 2000 to 2199");
  saved = await app.savedPlan();
  expect(saved.plan.lanes[2].warmup.target_date).toBe("2027-11-26");
  // A listed day typed over likewise.
  const skipped = page.locator("#f-warmup-promotional-skipped_dates-0");
  await skipped.focus();
  await skipped.pressSequentially("01152250");
  await skipped.press("Tab");
  await expect(page.locator("#f-warmup-promotional-skipped_dates-notes")).toContainText("Plans run from 2000 to 2199");
  saved = await app.savedPlan();
  expect(saved.plan.lanes[2].warmup.skipped_dates).toEqual(["2027-10-11"]);
  // Typed in full and whole, it is taken on leaving the field.
  await peak.focus();
  await peak.pressSequentially("11272027");
  await peak.press("Tab");
  await expect.poll(async () => (await app.savedPlan()).plan.lanes[2].warmup.target_date).toBe("2027-11-27");
  app.expectNoErrors();
});

test("a weekly promotion sent on Tuesdays ramps on its send days and warms for its busiest day", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-weekly-promo-edit").click();
  const sendDay = page.locator("#journey-weekly-promo-send_day");
  await expect(sendDay).toHaveValue("spread");
  await app.choose("journey-weekly-promo-send_day", "tuesday");
  await expect(page.locator("#journey-weekly-promo-send_day-notes")).toHaveText(
    "Sends weekly on Tuesdays: about 126,000 each time, the week's mail.",
  );
  await expect(app.journeyRow("weekly-promo").locator(".trigger")).toHaveText("Scheduled, weekly on Tuesdays");
  // The newsletter too, on its Thursdays, right after: the lane now sends
  // only on those days.
  await page.locator("#journey-newsletter-edit").click();
  await app.choose("journey-newsletter-send_day", "thursday");
  await expect(app.journeyRow("newsletter").locator(".trigger")).toHaveText("Scheduled, every other Thursday");
  await app.goTo("warmup");
  const lane = page.locator("#warmup-promotional");
  await expect(lane.locator(".figures")).toContainText(
    "27,000 a day on average; 126,000 on the busiest day of scheduled sends",
  );
  await lane.locator("summary", { hasText: "as a table" }).click();
  const rows = lane.locator("table.calendar tbody tr");
  // Monday 2027-09-06 has no mail: the ramp waits for Tuesday's send.
  await expect(rows.nth(0)).toContainText("No mail wanted today: the ramp holds until the next send.");
  await expect(rows.nth(0)).toHaveClass(/idle/);
  await expect(rows.nth(1)).toContainText("2027-09-07");
  await expect(rows.nth(1).locator("td").nth(1)).toHaveText("1");
  await expect(rows.nth(1)).toContainText("126,000");
  await expect(rows.nth(2)).toHaveClass(/idle/);
  // The second ramp day is the next Tuesday's send.
  await expect(rows.nth(8).locator("td").nth(1)).toHaveText("2");
  const download = await app.exportPlan();
  const plan = JSON.parse(await readFile(await download.path(), "utf8"));
  const promo = plan.journeys.find((j) => j.id === "weekly-promo");
  expect(promo.trigger).toEqual({ kind: "scheduled", cadence: "weekly", send_day: "tuesday" });
  // Problems says the ramp waits between sends; its fix spreads the mail
  // over the days again, and the ramp advances every weekday.
  await app.goTo("problems");
  const finding = page.locator(".problem", { hasText: "The journeys of Promotional want mail on 6 of its 20 ramp days in four weeks" });
  await expect(finding).toBeVisible();
  await finding.getByRole("button", { name: "Fix: Spread Weekly promotion and Roaster's newsletter over every day instead of one send day" }).click();
  await expect(finding).toHaveCount(0);
  await app.goTo("warmup");
  await expect(lane.locator(".figures")).toContainText("Mail the lane's journeys want27,000 a day");
  await expect(rows.nth(1).locator("td").nth(1)).toHaveText("2");
  app.expectNoErrors();
});

test("clearing one part of a date keeps the date, the calendar and the listed days", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  const lane = page.locator("#warmup-promotional");
  const start = page.locator("#f-warmup-promotional-start_date");
  await expect(start).toHaveValue("2027-09-06");
  // The month is cleared: the input no longer holds a date, and the plan
  // and its calendar keep the one it had.
  await start.focus();
  await start.press("Backspace");
  await expect(start).toHaveValue("");
  await expect(lane.locator("svg[role=img]")).toBeVisible();
  await expect(lane.locator(".figures")).toContainText("60,000 a day: reached");
  await start.blur();
  await expect(page.locator("#f-warmup-promotional-start_date-notes")).toContainText(
    "Finish the date (day, month and year), or clear all of it.",
  );
  let saved = await app.savedPlan();
  expect(saved.plan.lanes[2].warmup.start_date).toBe("2027-09-06");
  // Typing the month back takes the date again right away.
  await start.focus();
  await start.pressSequentially("10");
  await start.press("Tab");
  await expect(start).toHaveValue("2027-10-06");
  await expect(page.locator("#f-warmup-promotional-start_date-notes")).not.toContainText("Finish the date");
  // A listed day without sending with its day cleared stays listed.
  const skipped = page.locator("#f-warmup-promotional-skipped_dates-0");
  await expect(skipped).toHaveValue("2027-10-11");
  await skipped.focus();
  await skipped.press("Backspace");
  await skipped.blur();
  await expect(page.locator("#f-warmup-promotional-skipped_dates-0")).toHaveCount(1);
  await expect(page.locator("#f-warmup-promotional-skipped_dates-notes")).toContainText(
    "Finish the date (day, month and year), or clear all of it.",
  );
  saved = await app.savedPlan();
  expect(saved.plan.lanes[2].warmup.skipped_dates).toEqual(["2027-10-11"]);
  expect(saved.plan.lanes[2].warmup.start_date).toBe("2027-10-06");
  app.expectNoErrors();
});

test("a receipts lane warming on weekdays only is a problem, and its fix sends every day", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  await app.choose("f-warmup-transactional-preset", "sparkpost");
  await app.setField("f-warmup-transactional-start_date", "2027-03-01");
  // Warming to 500,000 a day takes weeks, weekends left out.
  await app.setField("f-warmup-transactional-target_volume", "500000");
  await page.locator("#f-warmup-transactional-weekday-6").uncheck();
  await page.locator("#f-warmup-transactional-weekday-7").uncheck();
  await app.goTo("problems");
  const finding = page.locator(".problem", { hasText: "The warm-up of Transactional leaves out days its journeys want mail on" });
  await expect(finding).toContainText("Order confirmation");
  // Open lands on the days' boxes, not the top of the lane's card.
  await finding.getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#f-warmup-transactional-weekday-1")).toBeFocused();
  await app.goTo("problems");
  await finding.getByRole("button", { name: "Fix: Send every day while warming" }).click();
  await expect(finding).toHaveCount(0);
  await expect(page.locator("#said")).toHaveText("Applied. Changed the lane “Transactional”: its sending days while warming changed: Saturday and Sunday added.");
  const saved = await app.savedPlan();
  expect(saved.plan.lanes[0].warmup.sending_weekdays).toEqual([1, 2, 3, 4, 5, 6, 7]);
  app.expectNoErrors();
});

test("a fix that clears a warm-up card's last finding leaves the focus on the card", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("warmup");
  const card = page.locator("#warmup-promotional");
  await app.choose("f-warmup-promotional-preset", "none");
  const fix = card.getByRole("button", { name: /^Fix: Plan a warm-up/ });
  await fix.focus();
  await page.keyboard.press("Enter");
  await expect(fix).toHaveCount(0);
  await expect(card).toBeFocused();
  // The next Tab goes on from the card, not from the top of the page.
  await page.keyboard.press("Tab");
  await expect(page.locator("#f-warmup-promotional-preset")).toBeFocused();
  app.expectNoErrors();
});
