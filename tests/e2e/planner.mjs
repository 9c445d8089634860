// A page object for the planner, so tests read as user actions.
import { expect } from "@playwright/test";

export class Planner {
  constructor(page) {
    this.page = page;
    this.errors = [];
    page.on("pageerror", (e) => this.errors.push(String(e)));
    page.on("console", (m) => {
      if (m.type() === "error") this.errors.push(m.text());
    });
  }

  async open() {
    await this.page.goto("/");
    await expect(this.page.locator(".lane-columns")).toBeVisible();
  }

  tab(name) {
    return this.page.locator(`#tab-${name}`);
  }

  async goTo(name) {
    await this.tab(name).click();
  }

  notice() {
    return this.page.locator("#notice");
  }

  // Types into a field and commits it, as leaving the field does. Like a
  // quick user, it does not wait for anything before the next action.
  async setField(id, value) {
    const field = this.page.locator(`#${id}`);
    await field.fill(value);
    await field.press("Tab");
  }

  async choose(id, value) {
    await this.page.locator(`#${id}`).selectOption(value);
  }

  // Deletes a lane from the lanes tab, confirming the question.
  async deleteLane(id, name) {
    const card = this.page.locator(`#lane-${id}`);
    await card.getByRole("button", { name: `Delete lane ${name}` }).click();
    await card.getByRole("button", { name: "Delete lane", exact: true }).click();
  }

  journeyRow(id) {
    return this.page.locator(`#journey-${id}`);
  }

  async exportPlan() {
    const download = this.page.waitForEvent("download");
    await this.page.locator("#export").click();
    return download;
  }

  async importFile(name, contents) {
    await this.page.locator("#import-file").setInputFiles({
      name,
      mimeType: "application/json",
      buffer: Buffer.from(contents),
    });
  }

  async savedPlan() {
    return this.page.evaluate(() => {
      const index = JSON.parse(localStorage.getItem("switchyard.index"));
      return JSON.parse(localStorage.getItem("switchyard.plan." + index.active));
    });
  }

  expectNoErrors() {
    expect(this.errors, "no console errors or CSP violations").toEqual([]);
  }
}
