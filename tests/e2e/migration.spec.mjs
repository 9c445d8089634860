// Migrations: move the sample's revenue flows onto the promotional lane's
// SES warm-up, see the daily split and the day it completes, narrow it to
// one journey, and find it in the exported plan.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { Planner } from "./planner.mjs";

// Opens the sample plan and adds a move between two lanes, with the name
// typed and the first day set when given.
async function addMove(page, from, to, { name, start } = {}) {
  const app = new Planner(page);
  await app.open();
  await app.goTo("migrations");
  await app.choose("new-migration-from", from);
  await app.choose("new-migration-to", to);
  await page.locator("#add-migration").click();
  if (name) await page.keyboard.type(name);
  if (start) await app.setField("f-migration-migration-1-start_date", start);
  return app;
}

test("a migration shows its split and end date and lands in the export", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("migrations");
  await expect(page.locator("#migrations-heading")).toHaveText("Migrations");
  await app.choose("new-migration-from", "revenue-flows");
  await app.choose("new-migration-to", "promotional");
  await page.locator("#add-migration").click();
  const card = page.locator("#migration-migration-1");
  await expect(page.locator("#f-migration-migration-1-name")).toBeFocused();
  await expect(card).toContainText("Set a valid first day to see the daily split.");
  // A new migration is named after what it moves, until typing names it.
  await expect(card.locator("h3")).toHaveText("Revenue flows to Promotional");
  await page.keyboard.type("Flows to SES");
  await page.keyboard.press("Tab");
  await expect(card.locator("h3")).toHaveText("Flows to SES");
  await app.setField("f-migration-migration-1-start_date", "2027-09-06");
  // The lane's own 27,000 a day use its Braze moderate caps (weekdays
  // only) first: 35,000 on Friday the 17th leave room for 8,000 of the
  // 11,000, and 50,000 on Monday the 20th for all of it.
  const figures = card.locator(".figures");
  await expect(figures).toContainText("7 journeys, 11,000 messages a day");
  await expect(figures).toContainText("Moves start2027-09-17 (planned 2027-09-06)");
  await expect(figures).toContainText("Complete on2027-09-20");
  // The late first move is explained, not shown beside "Delays: none".
  await expect(figures).toContainText("Delaysfirst move 11 days after the planned day, as the new lane's own mail fills its cap until then");
  await expect(card.locator("svg[role=img]")).toHaveAttribute("aria-label", /2027-09-06 to 2027-09-20/);
  await card.locator("summary", { hasText: "daily split as a table" }).click();
  const rows = card.locator("table.calendar tbody tr");
  await expect(rows.nth(0)).toContainText("2027-09-06");
  await expect(rows.nth(0).locator("td").nth(3)).toHaveText("0");
  await expect(rows.nth(5)).toHaveClass(/idle/);
  await expect(rows.last()).toContainText("Complete: the new lane takes all the moved mail.");
  // Without a first day the split goes; it comes back with its table open.
  await app.setField("f-migration-migration-1-start_date", "");
  await expect(card).toContainText("Set a valid first day to see the daily split.");
  await app.setField("f-migration-migration-1-start_date", "2027-09-06");
  await expect(card.locator("details:has(table.calendar)")).toHaveAttribute("open");
  await expect(rows.nth(0)).toContainText("2027-09-06");
  await expect(card.locator(".comparison")).toContainText("One-day cutover");
  // Only the welcome series: its 600 a day fit Friday's room.
  await page.locator("#f-migration-migration-1-whole_lane").uncheck();
  await page.locator("#f-migration-migration-1-journey-welcome").check();
  await expect(figures).toContainText("1 journey, 600 messages a day");
  await expect(figures).toContainText("Complete on2027-09-17");
  // The steps follow the dates: records two weeks before the first day.
  await expect(card.locator("ol.steps")).toContainText("2027-08-23");
  const download = await app.exportPlan();
  const exported = JSON.parse(await readFile(await download.path(), "utf8"));
  expect(exported.migrations).toEqual([
    {
      id: "migration-1",
      name: "Flows to SES",
      from_lane: "revenue-flows",
      to_lane: "promotional",
      whole_lane: false,
      journeys: ["welcome"],
      start_date: "2027-09-06",
      hold_dates: [],
      grace_days: 30,
      rollback: "",
    },
  ]);
  app.expectNoErrors();
});

test("the overview names a move on both its lanes and opens it", async ({ page }) => {
  const app = await addMove(page, "revenue-flows", "promotional", { name: "Flows to SES", start: "2027-09-06" });
  await app.goTo("overview");
  const column = (name) => page.getByRole("article", { name: `Lane ${name}` });
  const words = "7 journeys, 11,000 a day (Flows to SES).";
  await expect(column("Revenue flows").locator(".lane-moves")).toHaveText(`Moves to Promotional, planned first day 2027-09-06: ${words}`);
  const onto = column("Promotional").getByRole("button", { name: `Moves in from Revenue flows, planned first day 2027-09-06: ${words}` });
  // The routed mail is as it was: the move is told, not counted twice.
  await expect(column("Promotional").locator(".volume strong")).toHaveText("27,000");
  await onto.click();
  // The card is taller than the window: its top, with its name, shows.
  const card = page.locator("#migration-migration-1");
  await expect(card).toBeFocused();
  await expect(card.locator("h3")).toBeInViewport();
  app.expectNoErrors();
});

test("a hold date before the move's first day is fixed from the card", async ({ page }) => {
  const app = await addMove(page, "revenue-flows", "promotional", { start: "2027-09-06" });
  const add = page.locator("#f-migration-migration-1-hold_dates-add");
  await add.focus();
  await add.pressSequentially("09012027");
  const notes = page.locator("#f-migration-migration-1-hold_dates-notes");
  await expect(notes).toContainText("before its first day, 2027-09-06");
  await notes.getByRole("button", { name: "Remove the hold date 2027-09-01" }).click();
  await expect(page.locator("#f-migration-migration-1-hold_dates-0")).toHaveCount(0);
  await expect(notes).not.toContainText("before its first day");
  app.expectNoErrors();
});

test("a cutover in the peak season is flagged and its fix holds the move", async ({ page }) => {
  const app = await addMove(page, "revenue-flows", "promotional", { start: "2027-09-06" });
  // More mail moves on Friday the 17th, inside the peak.
  await app.setField("f-peak-start", "2027-09-16");
  await app.setField("f-peak-end", "2027-09-18");
  const card = page.locator("#migration-migration-1");
  await expect(card).toContainText("inside the peak season");
  await card.getByRole("button", { name: "Hold the move through the peak season" }).click();
  await expect(card).not.toContainText("inside the peak season");
  for (const [i, day] of ["2027-09-16", "2027-09-17", "2027-09-18"].entries()) {
    await expect(page.locator(`#f-migration-migration-1-hold_dates-${i}`)).toHaveValue(day);
  }
  // Thursday and Friday hold (Saturday sends nothing): two days later.
  await expect(card.locator(".figures")).toContainText("2 hold dates of the move delay its completion by 2 days");
  await expect(card.locator(".figures")).toContainText("Complete on2027-09-22");
  // Removing the season by keyboard leaves the focus on its first field.
  await page.locator("#remove-peak").focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#remove-peak")).toHaveCount(0);
  await expect(page.locator("#f-peak-name")).toBeFocused();
  app.expectNoErrors();
});

test("a move that more than doubles a warm lane is flagged, on the card and in Problems", async ({ page }) => {
  // Revenue flows is warm with no warm-up, so the promotions arrive at once.
  const app = await addMove(page, "promotional", "revenue-flows", { name: "Promotions onto flows", start: "2027-09-06" });
  const card = page.locator("#migration-migration-1");
  const jump = card.locator("li", { hasText: "at once on 2027-09-06" });
  await expect(jump).toContainText(/Promotions onto flows moves about [\d,]+ messages a day into Revenue flows/);
  await expect(jump).toContainText(/its volume jumps \d+\.\d× in a day/);
  await app.goTo("problems");
  const problem = page.locator("li.problem", { hasText: "at once on 2027-09-06" });
  await expect(problem).toContainText("Migration “Promotions onto flows” › to lane");
  await problem.getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#f-migration-migration-1-to_lane")).toBeFocused();
  await expect(page.locator("#f-migration-migration-1-to_lane")).toBeInViewport();
  app.expectNoErrors();
});

test("Tab after a choice made with the arrow keys goes on to the control the choice enables", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("migrations");
  // Steps a closed select with the arrows until it shows `value`.
  const arrowTo = async (id, value) => {
    const select = page.locator(`#${id}`);
    await select.focus();
    const values = await select.locator("option").evaluateAll((options) => options.map((o) => o.value));
    const from = values.indexOf(await select.inputValue());
    const to = values.indexOf(value);
    for (let i = 0; i < Math.abs(to - from); i++) {
      await page.keyboard.press(to > from ? "ArrowDown" : "ArrowUp");
    }
  };
  await arrowTo("new-migration-from", "revenue-flows");
  await page.keyboard.press("Tab");
  await expect(page.locator("#new-migration-to")).toBeFocused();
  await arrowTo("new-migration-to", "promotional");
  await page.keyboard.press("Tab");
  await expect(page.locator("#add-migration")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("#f-migration-migration-1-name")).toBeFocused();
  app.expectNoErrors();
});

test("rolling back a move under way routes its journeys back, clears its first day and keeps the focus there", async ({ page }) => {
  const app = await addMove(page, "revenue-flows", "transactional", { start: "2026-11-02" });
  const card = page.locator("#migration-migration-1");
  await card.getByRole("button", { name: "Roll back…" }).click();
  await card.getByRole("button", { name: "Route them back" }).click();
  const firstDay = page.locator("#f-migration-migration-1-start_date");
  await expect(firstDay).toBeFocused();
  await expect(firstDay).toHaveValue("");
  await expect(card.getByRole("button", { name: "Roll back…" })).toHaveCount(0);
  // One undo brings the move back as it was.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(firstDay).toHaveValue("2026-11-02");
  app.expectNoErrors();
});

test("a migration's name cleared by the team goes back to its lanes' names", async ({ page }) => {
  const app = await addMove(page, "revenue-flows", "promotional", { name: "Flows to SES" });
  const card = page.locator("#migration-migration-1");
  await page.keyboard.press("Tab");
  await expect(card.locator("h3")).toHaveText("Flows to SES");
  await app.setField("f-migration-migration-1-name", "");
  await expect(card.locator("h3")).toHaveText("Revenue flows to Promotional");
  await expect(page.locator("#f-migration-migration-1-name")).toHaveValue("Revenue flows to Promotional");
  app.expectNoErrors();
});
