// A one-off send: a scheduled journey set to go out once, on a date, as
// a quick user sets it, and found in the exported plan.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { Planner } from "./planner.mjs";

test("a journey set to one-off with a date is in the exported plan", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-weekly-promo-edit").click();
  await page.getByLabel("Cadence").selectOption({ label: "Once, on a date" });
  // The send day gives way to a date, named by its label.
  const date = page.getByLabel("Send date");
  await expect(date).toHaveAttribute("type", "date");
  await date.fill("2027-11-18");
  await date.press("Tab");
  const row = app.journeyRow("weekly-promo");
  await expect(row.locator(".trigger")).toHaveText("Scheduled, once on 2027-11-18");

  const download = await app.exportPlan();
  const exported = JSON.parse(await readFile(await download.path(), "utf8"));
  const promo = exported.journeys.find((j) => j.id === "weekly-promo");
  expect(promo.trigger).toEqual({ kind: "scheduled", cadence: "one_off", send_date: "2027-11-18" });
  app.expectNoErrors();
});

test("a one-off's volume is its send's, and a date that has passed is told", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-weekly-promo-edit").click();
  await page.getByLabel("Cadence").selectOption({ label: "Once, on a date" });
  // The same field, now the whole send's size.
  const volume = page.getByLabel("Messages in the send");
  await expect(volume).toHaveAttribute("id", "journey-weekly-promo-volume");
  await volume.fill("18000");
  const date = page.getByLabel("Send date");
  await date.fill("2026-01-05");
  await date.press("Tab");
  const row = app.journeyRow("weekly-promo");
  await expect(row.locator("td.num").first()).toHaveText("18,000 once");
  await expect(page.getByText("dated 2026-01-05, which has passed").first()).toBeVisible();

  // A date still to come clears it.
  await date.fill("2099-01-05");
  await date.press("Tab");
  await expect(page.getByText("which has passed")).toHaveCount(0);
  app.expectNoErrors();
});

test("a weekly send made a one-off and weekly again gets its send day back, across a tab switch", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-weekly-promo-edit").click();
  const day = page.locator("#journey-weekly-promo-send_day");
  const cadence = page.getByLabel("Cadence");
  // A quick user: the day, then at once the cadence.
  await day.selectOption({ label: "Thursday" });
  await cadence.selectOption({ label: "Once, on a date" });
  const volume = page.locator("#journey-weekly-promo-volume");
  await expect(page.locator("#journey-weekly-promo-volume-notes")).toContainText(
    "The volume is now the whole send: 18,000 once.",
  );
  // Another tab and back: the editor is open as it was, and still knows
  // the day the weekly send had.
  await app.goTo("warmup");
  await app.goTo("journeys");
  await expect(volume).toBeVisible();
  await expect(page.locator("#journey-weekly-promo-volume-notes")).toContainText("The volume is now the whole send");
  await page.getByLabel("Cadence").selectOption({ label: "Weekly" });
  await expect(day.locator("option:checked")).toHaveText("Thursday");
  const download = await app.exportPlan();
  const exported = JSON.parse(await readFile(await download.path(), "utf8"));
  const promo = exported.journeys.find((j) => j.id === "weekly-promo");
  expect(promo.trigger).toEqual({ kind: "scheduled", cadence: "weekly", send_day: "thursday" });
  app.expectNoErrors();
});
