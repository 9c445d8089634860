// A plan as a link (copied, opened read-only in another browser, added
// there; a cut link refused) and the app offline (opened and edited with
// no network; a new version waiting for the user's reload).
import { test, expect } from "@playwright/test";
import { readFile, writeFile } from "node:fs/promises";
import { Planner } from "./planner.mjs";

const APP = "http://127.0.0.1:4173/";
// The service worker the static server serves, changed to stand for a new deployment.
const WORKER = new URL("../../dist/sw.js", import.meta.url);

/// Copies the open plan's link and returns it as the page shows it.
async function copyLink(page) {
  await page.locator("#copy-link").click();
  const field = page.locator("#plan-link");
  await expect(field).toHaveValue(/#plan=1\./);
  return field.inputValue();
}

/// The service worker controls a page once it has cached the app's files.
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test("a copied link opens read-only in another browser, and Add to my plans keeps it", async ({ page, context, browser }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const app = new Planner(page);
  await app.open();
  await app.setField("brand-name", "Linked Roasters");
  const link = await copyLink(page);
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:4173\/#plan=1\.[A-Za-z0-9_-]+$/);
  await expect(page.locator("#link-panel")).toContainText(
    `Link copied: ${link.length.toLocaleString("en-GB")} characters.`,
  );
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  app.expectNoErrors();

  // Someone else, in a browser of their own, with a plan of their own.
  const elsewhere = await browser.newContext();
  const own = await elsewhere.newPage();
  const them = new Planner(own);
  await them.open();
  await them.setField("brand-name", "Their Brand");
  await expect(own.locator(".save-state")).toHaveText("Saved in this browser");

  const shared = await elsewhere.newPage();
  const viewer = new Planner(shared);
  await shared.goto(link);
  await expect(shared.locator("#shared-plan")).toContainText("Shared plan — read-only");
  await expect(shared.locator("#shared-plan")).toContainText("“Linked Roasters” came in a link");
  await expect(shared.locator("#brand-name")).toHaveValue("Linked Roasters");
  await expect(shared.locator("#brand-name")).not.toBeEditable();
  // Read once, the link leaves the address: a reload shows their own plans.
  expect(shared.url()).toBe(APP);
  const stored = () =>
    shared.evaluate(() =>
      Object.keys(localStorage)
        .filter((key) => key.startsWith("switchyard.plan."))
        .map((key) => JSON.parse(localStorage.getItem(key)).plan.brand.name)
        .sort(),
    );
  expect(await stored()).toEqual(["Their Brand"]);

  await shared.locator("#add-shared").click();
  await expect(shared.locator("#shared-plan")).toHaveCount(0);
  // Their plan has the same id, so the link's plan is added beside it.
  await expect(shared.locator("#plan-picker option:checked")).toHaveText("Linked Roasters");
  await expect(shared.locator("#plan-picker option")).toHaveCount(2);
  await expect(shared.locator("#notice")).toContainText("Added “Linked Roasters” to your plans.");
  await expect(shared.locator("#notice")).toContainText("so the linked plan was added as a copy");
  await expect(shared.locator("#notice")).not.toContainText("Imported");
  await expect(shared.locator("#brand-name")).toBeEnabled();
  await expect(shared.locator(".save-state")).toHaveText("Saved in this browser");
  expect(await stored()).toEqual(["Linked Roasters", "Their Brand"]);
  await shared.reload();
  await expect(shared.locator("#plan-picker option")).toHaveCount(2);
  viewer.expectNoErrors();
  them.expectNoErrors();
  await elsewhere.close();
});

test("a shared plan locks its edits, and can still be read, filtered and taken away", async ({ page, context }) => {
  const app = new Planner(page);
  await app.open();
  const link = await copyLink(page);
  const shared = await context.newPage();
  const viewer = new Planner(shared);
  await shared.goto(link);
  await expect(shared.locator("#shared-plan")).toContainText("Shared plan — read-only");
  await expect(shared.locator("#brand-name")).not.toBeEditable();
  const title = shared.locator(".lane-head .link").first();
  await expect(title).toBeEnabled();
  await title.click();
  await expect(shared.locator("#tab-lanes")).toHaveAttribute("aria-current", "page");
  await expect(shared.locator("#add-lane")).toBeDisabled();
  await shared.locator("#tab-journeys").click();
  await expect(shared.locator("#add-journey")).toBeDisabled();
  await shared.locator("#journey-cart-recovery-edit").click();
  await expect(shared.locator("#journey-cart-recovery-volume")).not.toBeEditable();
  await expect(shared.locator("#journey-cart-recovery-intent")).toBeDisabled();
  await shared.locator("#journey-cart-recovery-edit").click();
  await shared.locator("#filter-lane").selectOption("promotional");
  await expect(shared.locator(".journey-row")).toHaveCount(2);
  await shared.locator("#tab-report").click();
  const report = shared.waitForEvent("download");
  await shared.getByRole("button", { name: "Download Markdown" }).click();
  expect((await report).suggestedFilename()).toMatch(/readiness\.md$/);
  viewer.expectNoErrors();
});

test("in a shared plan, Open on a problem shows its place with the focus on it", async ({ page, context }) => {
  const app = new Planner(page);
  await app.open();
  // A finding about a select, which a shared plan locks.
  await app.goTo("journeys");
  await page.locator("#journey-order-confirmation-edit").click();
  await app.choose("journey-order-confirmation-lane", "promotional");
  const link = await copyLink(page);
  const shared = await context.newPage();
  const viewer = new Planner(shared);
  await shared.goto(link);
  await expect(shared.locator("#shared-plan")).toContainText("Shared plan — read-only");
  await shared.locator("#tab-problems").click();
  const opens = shared.getByRole("button", { name: /^Open / });
  await expect(shared.getByRole("button", { name: "Open Journey “Order confirmation” › lane" })).toBeVisible();
  const count = await opens.count();
  for (let i = 0; i < Math.min(count, 8); i += 1) {
    await shared.locator("#tab-problems").click();
    const name = await opens.nth(i).getAttribute("aria-label");
    await opens.nth(i).click();
    await expect
      .poll(() => shared.evaluate(() => document.activeElement?.tagName), { message: name })
      .not.toBe("BODY");
  }
  viewer.expectNoErrors();
});

test("a link pasted into a tab showing a message opens the shared plan, and the message waits", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  const link = await copyLink(page);
  await page.getByRole("button", { name: "New plan" }).click();
  await expect(app.notice()).toContainText("Started a new, empty plan.");
  await page.evaluate((hash) => { location.hash = hash; }, new URL(link).hash);
  await expect(page.locator("#shared-plan")).toContainText("Shared plan — read-only");
  await expect(app.notice()).toHaveCount(0);
  await page.locator("#tab-lanes").click();
  await expect(page.locator("#tab-lanes")).toHaveAttribute("aria-current", "page");
  // Closed from the keyboard, the bar goes and the focus moves on to the page.
  await page.locator("#close-shared").focus();
  await page.keyboard.press("Enter");
  await expect(page.locator(".toolbar #plan-picker")).toBeVisible();
  await expect(page.locator("#main")).toBeFocused();
  await expect(app.notice()).toContainText("Started a new, empty plan.");
  app.expectNoErrors();
});

test("a cut link is refused with a message and the plan stays", async ({ page, context }) => {
  const app = new Planner(page);
  await app.open();
  await app.setField("brand-name", "Kept Brand");
  const link = await copyLink(page);

  const second = await context.newPage();
  await second.goto(link.slice(0, -40));
  const notice = second.locator("#notice");
  await expect(notice).toContainText("Link refused: The link is cut short");
  await expect(notice).toContainText("Your current plan was not changed.");
  await expect(second.locator("#shared-plan")).toHaveCount(0);
  await expect(second.locator("#brand-name")).toHaveValue("Kept Brand");
  await expect(second.locator("#brand-name")).toBeEnabled();
  await expect(second.locator("#plan-picker option")).toHaveCount(1);
  app.expectNoErrors();
});

test("a damaged link pasted over a shared plan closes it and says why", async ({ page, context }) => {
  const app = new Planner(page);
  await app.open();
  await app.setField("brand-name", "Linked Brand");
  const link = await copyLink(page);
  await app.setField("brand-name", "My Own Brand");

  const second = await context.newPage();
  await second.goto(link);
  await expect(second.locator("#shared-plan")).toContainText("“Linked Brand” came in a link");
  // The same tab, a new fragment: the old shared plan must not stand for it.
  await second.evaluate(() => { location.hash = "#plan=1.garbage!!"; });
  await expect(second.locator("#notice")).toContainText("Link refused");
  await expect(second.locator("#shared-plan")).toHaveCount(0);
  await expect(second.locator("#brand-name")).toHaveValue("My Own Brand");
});

test("a plan too large for a link says so and offers the file", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  // The sample with 1,500 more journeys under names that do not compress.
  const { plan } = await app.savedPlan();
  for (let i = 0; i < 1500; i++) {
    const name = Array.from({ length: 4 }, () => Math.random().toString(36).slice(2, 10)).join("");
    plan.journeys.push({ ...plan.journeys[0], id: `bulk-${i}`, name });
  }
  await app.importFile("large.json", JSON.stringify(plan));
  await expect(app.notice()).toContainText("Imported");
  await page.locator("#copy-link").click();
  const panel = page.locator("#link-panel");
  await expect(panel).toContainText("more than the 32,768 a browser's address bar takes");
  await expect(page.locator("#plan-link")).toHaveCount(0);
  const download = page.waitForEvent("download");
  await panel.getByRole("button", { name: "Export JSON" }).click();
  // The import sits beside the sample as its copy, and goes out under the
  // copy's name.
  expect((await download).suggestedFilename()).toBe("switchyard-fernleaf-coffee-2.json");
  app.expectNoErrors();
});

test("a shared plan can be closed without a trace", async ({ page, context }) => {
  const app = new Planner(page);
  await app.open();
  await app.setField("brand-name", "Only Mine");
  const link = await copyLink(page);
  await app.setField("brand-name", "Mine, changed since");

  const second = await context.newPage();
  await second.goto(link);
  await expect(second.locator("#brand-name")).toHaveValue("Only Mine");
  // The monitoring tab shows no counts and takes no files.
  await second.locator("#tab-monitoring").click();
  await expect(second.locator(".not-in-link")).toContainText("never part of a link");
  await expect(second.locator("#monitor-files")).toBeDisabled();
  // A change to their own plan in the first tab is told once the shared
  // plan is closed, not over it.
  await app.setField("brand-name", "Mine, changed again");
  await second.locator("#tab-overview").click();
  await expect(second.locator("#brand-name")).toHaveValue("Only Mine");
  await expect(second.locator("#notice")).toHaveCount(0);
  await second.locator("#close-shared").click();
  await expect(second.locator("#brand-name")).toHaveValue("Mine, changed again");
  await expect(second.locator("#notice")).toContainText("This plan was updated from another tab.");
  await expect(second.locator("#plan-picker option")).toHaveCount(1);
});

test("after the first visit the app opens and edits with no network", async ({ page, context }) => {
  const app = new Planner(page);
  await app.open();
  await controlled(page);
  app.expectNoErrors();

  await context.setOffline(true);
  // The network is really gone: a file the worker never cached fails.
  expect(await page.evaluate(() => fetch("never-cached.txt").then(() => "loaded", () => "failed"))).toBe("failed");
  app.errors.length = 0;
  await page.reload();
  await expect(page.locator(".lane-columns")).toBeVisible();
  await app.goTo("lanes");
  await app.setField("lane-promotional-from-name", "Offline Offers");
  await app.goTo("overview");
  await expect(page.locator(".save-state")).toHaveText("Saved in this browser");
  await page.reload();
  await app.goTo("lanes");
  await expect(page.locator("#lane-promotional-from-name")).toHaveValue("Offline Offers");
  app.expectNoErrors();
  await context.setOffline(false);
});

test("a new version waits for the user's reload", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await controlled(page);
  await app.setField("brand-name", "Typed Before");
  // The next deployment: the worker script changes.
  const deployed = await readFile(WORKER, "utf8");
  try {
    await writeFile(WORKER, `${deployed}\n// The next version.\n`);
    // As the browser's own update check would, when the tab is shown again.
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    await expect(page.locator("#update")).toContainText("A new version is ready — reload");
  } finally {
    await writeFile(WORKER, deployed);
  }
  // Nothing changed under the user.
  await expect(page.locator("#brand-name")).toHaveValue("Typed Before");
  await page.locator("#reload-update").click();
  await expect(page.locator("#update")).toHaveCount(0);
  await expect(page.locator(".lane-columns")).toBeVisible();
  await expect(page.locator("#brand-name")).toHaveValue("Typed Before");
  const waiting = await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.waiting !== null));
  expect(waiting).toBe(false);
  app.expectNoErrors();
});
