// The accessibility audit: axe-core's WCAG 2.1 A and AA rules on every tab,
// first as the tab opens, then with everything a user can unfold unfolded
// (every <details>, each domain section, a journey's editor, imported
// monitoring and DMARC files, an error notice, the delete confirmation).
// axe is injected as an inline script, which the app's Content Security
// Policy rightly refuses, so this file's browser contexts bypass the CSP;
// the other specs keep it and report any violation as a console error.
import { test, expect } from "@playwright/test";
import { createRequire } from "node:module";
import { Planner } from "./planner.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

test.use({ bypassCSP: true });
test.describe.configure({ timeout: 90_000 });

// Runs axe on the whole document and returns its counts and violations.
async function audit(page) {
  if (!(await page.evaluate(() => "axe" in window))) {
    await page.addScriptTag({ path: axePath });
  }
  return page.evaluate(async (values) => {
    const result = await window.axe.run(document, {
      runOnly: { type: "tag", values },
    });
    const rules = (list) => list.map((r) => `${r.id} (${r.nodes.length})`);
    const nodes = (list) => list.flatMap((r) => r.nodes.map((n) => `${r.id} ${n.target.join(" ")}: ${(n.failureSummary ?? "").replace(/\s+/g, " ")}`));
    return {
      run: result.passes.length + result.violations.length + result.incomplete.length + result.inapplicable.length,
      applied: result.passes.length + result.violations.length + result.incomplete.length,
      review: rules(result.incomplete),
      reviewNodes: nodes(result.incomplete),
      violations: result.violations.map((v) => ({
        rule: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
      })),
    };
  }, tags);
}

// Audits the page, prints the figures and expects no violation.
async function expectClean(page, label) {
  const result = await audit(page);
  const review = result.review.length ? `; needs review: ${result.review.join(", ")}` : "";
  console.log(`[axe] ${label}: ${result.run} rules run, ${result.applied} applied, ${result.violations.length} violations${review}`);
  // AXE_REVIEW=1 lists what axe could not decide, for a person to check.
  if (process.env.AXE_REVIEW) for (const line of result.reviewNodes) console.log(`  review: ${line}`);
  expect(result.violations, `axe violations on ${label}`).toEqual([]);
}

// Opens every <details> on the page, as a user clicking each summary would,
// including those that appear inside ones just opened.
async function unfoldAll(page) {
  const closed = page.locator("main details:not([open]) > summary:visible");
  for (let clicks = 0; clicks < 200 && (await closed.count()) > 0; clicks += 1) {
    await closed.first().click();
  }
  await expect(closed).toHaveCount(0);
}

const tabs = [
  ["overview", ".lane-columns"],
  ["lanes", "#lanes-heading"],
  ["journeys", "#journeys-heading"],
  ["rules", "#rules-heading"],
  ["domains", "#domains-heading"],
  ["platform", "#platform-heading"],
  ["warmup", "#warmup-promotional"],
  ["migrations", "#migrations-heading"],
  ["simulation", "#simulation-heading"],
  ["checklist", "#checklist-heading"],
  ["preferences", "#preferences-heading"],
  ["report", "#readiness-heading"],
  ["monitoring", "#health-heading"],
  ["dmarc", "#dmarc-heading"],
  ["problems", "#problems-heading"],
];

test("every tab of the app is in the audit", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  const shown = await page.locator("nav.tabs button.tab").evaluateAll((buttons) => buttons.map((b) => b.id.replace(/^tab-/, "")));
  expect(shown).toEqual(tabs.map(([tab]) => tab));
});

for (const [tab, ready] of tabs) {
  test(`the ${tab} tab passes the WCAG 2.1 A and AA audit, folded and unfolded`, async ({ page }) => {
    const app = new Planner(page);
    await app.open();
    await app.goTo(tab);
    await expect(app.tab(tab)).toHaveAttribute("aria-current", "page");
    await expect(page.locator(ready).first()).toBeVisible();
    await expectClean(page, tab);
    if (await page.locator("main details").count()) {
      await unfoldAll(page);
      await expectClean(page, `${tab}, every <details> open`);
    }
    app.expectNoErrors();
  });
}

test("a journey's editor passes the audit", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("journeys");
  await page.locator("#journey-cart-recovery-edit").click();
  await expect(page.locator("#journey-cart-recovery-name")).toBeVisible();
  await expectClean(page, "journeys, an editor open");
  app.expectNoErrors();
});

test("unrouted journeys pass the audit on the journeys tab and the overview", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await app.deleteLane("revenue-flows", "Revenue flows");
  await app.goTo("journeys");
  await expect(app.journeyRow("cart-recovery").locator(".reason")).toContainText("Unrouted");
  await expectClean(page, "journeys, some unrouted");
  await app.goTo("overview");
  await expect(page.locator(".unrouted-column")).toContainText("Cart recovery");
  await expectClean(page, "overview, some unrouted");
  app.expectNoErrors();
});

test("every domain section passes the audit", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("domains");
  const sections = await page.locator("nav.subnav button[id^='domains-lane-']").all();
  expect(sections.length).toBeGreaterThan(0);
  for (const section of sections) {
    const id = await section.getAttribute("id");
    await section.click();
    await expect(section).toHaveAttribute("aria-current", "page");
    await unfoldAll(page);
    await expectClean(page, `domains, ${id}`);
  }
  app.expectNoErrors();
});

test("the monitoring tab with imported files passes the audit", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("monitoring");
  const fixtures = "tests/fixtures/monitoring/";
  await page.locator("#monitor-files").setInputFiles([fixtures + "sendgrid.json", fixtures + "broken.ndjson"]);
  await expect(page.locator(".import-report")).toContainText("sendgrid.json: SendGrid Event Webhook, 16 records.");
  await expect(page.locator(".key-table")).toBeVisible();
  await unfoldAll(page);
  await expectClean(page, "monitoring, files imported");
  app.expectNoErrors();
});

test("the DMARC reports tab with imported reports passes the audit", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("dmarc");
  const reports = "tests/fixtures/dmarc/";
  await page.locator("#dmarc-files").setInputFiles([reports + "google.zip", reports + "outlook.zip", reports + "yahoo.xml.gz"]);
  await expect(page.locator("#dmarc-import-report")).toContainText("yahoo.xml.gz: 1 report");
  await expect(page.locator("#dmarc-chart svg[role=img]")).toBeVisible();
  await unfoldAll(page);
  await expectClean(page, "dmarc, reports imported");
  app.expectNoErrors();
});

test("an error notice and the delete confirmation pass the audit", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.importFile("broken.json", '{"schema_version": 1, "lanes": [}');
  await expect(app.notice()).toContainText("Import refused");
  await expectClean(page, "overview, an import refused");
  await page.getByRole("button", { name: "New plan" }).click();
  await page.getByRole("button", { name: "Delete…" }).click();
  await expect(page.getByRole("group", { name: "Confirm deletion" })).toBeVisible();
  await expectClean(page, "overview, a new plan, deletion asked");
  app.expectNoErrors();
});

test("the first Tab reaches a button that skips the toolbar and the tabs", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("button", { name: "Skip to the page" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("#main")).toBeFocused();
  // The next Tab is inside the page, not on the toolbar or a tab.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.querySelector("#main").contains(document.activeElement))).toBe(true);
  app.expectNoErrors();
});

test("the keyboard's focus stays in the page through undo, the link panel, a deleted figure and a move", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.setViewportSize({ width: 1366, height: 768 });
  const app = new Planner(page);
  await app.open();
  await expect(page.getByRole("heading", { level: 1, name: "Switchyard" })).toBeVisible();
  // Ctrl+Z that takes away the item holding the focus leaves it on Redo.
  await app.goTo("rules");
  await page.locator("#add-rule").click();
  await page.locator("#rule-rule-1-lane").focus();
  await page.keyboard.press("Control+z");
  await expect(page.locator("#rule-rule-1")).toHaveCount(0);
  await expect(page.locator("#redo")).toBeFocused();
  // The link panel closes with Escape or Close, back to Copy link.
  await page.locator("#copy-link").click();
  await page.locator("#plan-link").focus();
  await page.keyboard.press("Escape");
  await expect(page.locator("#link-panel")).toHaveCount(0);
  await expect(page.locator("#copy-link")).toBeFocused();
  await page.locator("#copy-link").press("Enter");
  await page.locator("#link-panel").getByRole("button", { name: "Close" }).press("Enter");
  await expect(page.locator("#copy-link")).toBeFocused();
  // Escape right after Copy link, with the focus still on the button.
  await page.locator("#copy-link").press("Enter");
  await expect(page.locator("#link-panel")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator("#link-panel")).toHaveCount(0);
  await expect(page.locator("#copy-link")).toBeFocused();
  // A moved rule's button stays in view.
  const down = page.locator("#rule-rule-transactional-down");
  await down.focus();
  await down.press("Enter");
  await down.press("Enter");
  await expect(down).toBeFocused();
  await expect(down).toBeInViewport();
  // A deleted figure hands the focus to the Add button.
  await app.goTo("monitoring");
  await page.getByRole("button", { name: "Add a figure" }).click();
  await page.getByRole("button", { name: "Delete figure 1" }).press("Enter");
  await expect(page.locator("#add-postmaster")).toBeFocused();
  app.expectNoErrors();
});

test("only the rule being worked in reads out what it catches", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("rules");
  const live = page.locator(".rule-card .caught[aria-live]");
  await expect(live).toHaveCount(0);
  // Ticking a condition is heard from its own card alone.
  await page.locator("#rule-rule-recovery-enabled").focus();
  await expect(live).toHaveCount(1);
  await expect(live).toHaveAttribute("id", "rule-rule-recovery-caught");
  await page.locator("#rule-rule-recovery-enabled").press("Space");
  await expect(live).toHaveText("Catches no journeys.");
  // A move changes other cards' lines, but only the moved card speaks.
  await page.locator("#rule-rule-recovery-up").press("Enter");
  await expect(live).toHaveCount(1);
  await expect(live).toHaveAttribute("id", "rule-rule-recovery-caught");
  await page.locator("#add-rule").focus();
  await expect(live).toHaveCount(0);
  app.expectNoErrors();
});

test("alike findings' Fix and Open buttons are told apart by their finding's message", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await page.getByRole("button", { name: "New plan" }).click();
  await app.goTo("lanes");
  await page.locator("#add-lane").click();
  await page.locator("#add-lane").click();
  await app.goTo("problems");
  const fixes = page.locator("#main .problem button.fix");
  await expect(fixes.first()).toBeVisible();
  const described = await fixes.evaluateAll((buttons) =>
    buttons.map((b) => document.getElementById(b.getAttribute("aria-describedby") ?? "")?.textContent ?? ""),
  );
  expect(described.every((text) => text.length > 0)).toBe(true);
  const opens = await page.locator("#main .problem button.link").evaluateAll((buttons) =>
    buttons.map((b) => document.getElementById(b.getAttribute("aria-describedby") ?? "")?.textContent ?? ""),
  );
  expect(opens.every((text) => text.length > 0)).toBe(true);
  app.expectNoErrors();
});

test("a fix that moves the rule cards keeps the focused card in the window", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  // A catch-all second in the list shadows every rule below it.
  const plan = (await app.savedPlan()).plan;
  plan.id = "catch-all";
  plan.brand.name = "Fernleaf Catch-all";
  plan.rules.splice(1, 0, { id: "rule-catch-all", name: "Everything else marketing", enabled: true, when: {}, lane: "promotional" });
  await app.importFile("catch-all.json", JSON.stringify({ schema_version: 1, ...plan }));
  await expect(app.notice()).toContainText("Imported “Fernleaf Catch-all”");
  await app.goTo("rules");
  const last = page.locator(".rule-card").last();
  const fix = last.getByRole("button", { name: /^Fix: Move rule 2 “Everything else marketing” to the end of the list/ });
  await fix.scrollIntoViewIfNeeded();
  await fix.press("Enter");
  await expect(page.locator(".rule-card").last()).toContainText("Everything else marketing");
  // The focus is on a card the user can see.
  const seen = await page.evaluate(() => {
    const box = document.activeElement.getBoundingClientRect();
    return document.activeElement !== document.body && box.bottom > 0 && box.top < window.innerHeight;
  });
  expect(seen).toBe(true);
  app.expectNoErrors();
});
