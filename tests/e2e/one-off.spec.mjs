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
