// The domains flows: records per lane, SPF verdicts, pasted records with
// their diagnostics, the DMARC rollout, copy buttons and zone-file downloads.
import { test, expect } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { Planner } from "./planner.mjs";

test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function openDomains(app, lane) {
  await app.open();
  await app.goTo("domains");
  if (lane) await app.page.locator(`#domains-lane-${lane}`).click();
}

test("a lane's domain page shows its records, SPF verdict and requirements", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app, "promotional");
  const records = page.locator("table.records");
  await expect(records).toContainText("bounce.mail.fernleafcoffee.com");
  await expect(records).toContainText("v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 include:amazonses.com -all");
  await expect(records).toContainText("feedback-smtp.us-east-1.amazonses.com");
  const verdicts = page.locator("#spf-verdicts");
  await expect(verdicts).toContainText("203.0.113.10: pass");
  await verdicts.locator("summary").first().click();
  await expect(verdicts.locator(".trace").first()).toContainText("ip4:203.0.113.10");
  // The organisational domain by the tree walk and by the Public Suffix List.
  const alignment = page.locator("table.alignment");
  const from = alignment.locator("tbody tr").first().locator("td");
  await expect(from.nth(0)).toHaveText("mail.fernleafcoffee.com");
  await expect(from.nth(1)).toHaveText("fernleafcoffee.com");
  await expect(from.nth(2)).toHaveText("fernleafcoffee.com");
  await expect(alignment).not.toContainText("list not loaded");
  await expect(page.locator("table.requirements")).toContainText("DMARC published, at least p=none");
  app.expectNoErrors();
});

test("editing a lane's addresses re-evaluates SPF and keeps the focus", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app, "promotional");
  await app.setField("f-lane-promotional-ip_addresses", "203.0.113.10, 203.0.113.11, 203.0.113.77");
  await expect(page.locator("#spf-verdicts")).toContainText("203.0.113.77: pass");
  await expect(page.locator("table.records")).toContainText("ip4:203.0.113.77");
  const saved = await app.savedPlan();
  expect(saved.plan.lanes[2].ip_addresses).toEqual(["203.0.113.10", "203.0.113.11", "203.0.113.77"]);
  // Tab moved on to the next field; the re-rendered page keeps it focused.
  await app.setField("f-lane-promotional-dkim_selector", "k2");
  await expect(page.locator("table.alignment")).toContainText("selector k2");
  await expect(page.locator("table.records")).toContainText("BYODKIM");
  await expect(page.locator("#f-lane-promotional-tracking_domain")).toBeFocused();
  // Each edit is one undo step.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator("table.alignment")).toContainText("Amazon SES's Easy DKIM tokens");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator("#spf-verdicts")).not.toContainText("203.0.113.77");

  // Behind a provider's Return-Path CNAME, only the live check can see SPF.
  await page.locator("#domains-lane-revenue-flows").click();
  await expect(page.locator("#spf-verdicts")).toContainText("is a CNAME to u<account>.wl<id>.sendgrid.net");
  app.expectNoErrors();
});

test("a pasted broken SPF record gets a diagnostic with its position", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app);
  const box = page.locator("#existing-records");
  const before = await box.inputValue();
  await box.fill(before + 'shop IN TXT "v=spf1 include:a.example ptr +all"\n');
  await box.press("Tab");
  const check = page.locator("#existing-check");
  await expect(check).toContainText("4 records read.");
  await expect(check).toContainText("+all lets every server on the internet pass SPF");
  await expect(check).toContainText("shop.fernleafcoffee.com, character 30");
  await expect(check).toContainText("Use -all, or ~all while rolling out.");
  // A syntax error names its line.
  await box.fill(before + 'bad IN TXT "unclosed\n');
  await box.press("Tab");
  await expect(check).toContainText("line 5");
  // The problems list links to it.
  await app.goTo("problems");
  await page.locator("li.problem", { hasText: "line 5" }).getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#domains-brand")).toHaveAttribute("aria-current", "page");
  // The box of pasted records takes the focus, with its findings under it.
  await expect(page.locator("#existing-records")).toBeFocused();
  await expect(check).toContainText("line 5");
  app.expectNoErrors();
});

test("the zone file downloads and a record value copies", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app);
  const pending = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download fernleafcoffee.com.zone" }).click();
  const download = await pending;
  expect(download.suggestedFilename()).toBe("fernleafcoffee.com.zone");
  const text = await readFile(await download.path(), "utf8");
  expect(text).toContain("$ORIGIN fernleafcoffee.com.");
  expect(text).toMatch(/bounce\.receipts\s+IN CNAME\s+pm\.mtasv\.net\./);
  expect(text).toMatch(/bounce\.mail\s+IN TXT\s+"v=spf1 ip4:203\.0\.113\.10 ip4:203\.0\.113\.11 include:amazonses\.com -all"/);
  expect(text).toContain("; To fill in from the provider's dashboard, then uncomment:");
  // Before the rollout starts, the file carries p=none.
  expect(text).toMatch(/_dmarc\s+IN TXT\s+"v=DMARC1; p=none; rua=mailto:dmarc-reports@fernleafcoffee.com"/);

  await app.goTo("domains");
  await page.locator("#domains-lane-transactional").click();
  const copy = page.getByRole("button", { name: "Copy the CNAME value for bounce.receipts.fernleafcoffee.com" });
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("pm.mtasv.net");
  // A tracking domain adds a record above it: the row that takes its place
  // was not copied, and says so.
  const first = page.locator("#copy-rec-transactional-0");
  await expect(first).toHaveText("Copied");
  await app.setField("f-lane-transactional-tracking_domain", "links.receipts.fernleafcoffee.com");
  await expect(page.getByRole("button", { name: /^Copy the .* value for / }).filter({ hasText: "Copied" })).toHaveCount(0);
  await expect(copy).toHaveText("Copy");
  app.expectNoErrors();
});

test("the DMARC rollout follows the plan's dates and goal", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app);
  const rollout = page.locator("#rollout");
  await expect(rollout.locator("li")).toHaveCount(3);
  await expect(rollout).toContainText("p=none from 2027-01-04 until 2027-02-01 (4 weeks)");
  await expect(rollout).toContainText("p=reject from 2027-03-01 onwards");
  // Each stage's label stays inside its part of the bar.
  const spill = await rollout.locator("svg g").evaluateAll((stages) =>
    stages.flatMap((g) => {
      const box = g.querySelector("rect").getBBox();
      return [...g.querySelectorAll("text")]
        .map((t) => t.getBBox())
        .filter((t) => t.x + t.width > box.x + box.width || t.y + t.height > box.y + box.height);
    }).length,
  );
  expect(spill).toBe(0);
  await app.setField("f-dmarc-weeks_per_stage", "1");
  await expect(rollout).toContainText("p=none from 2027-01-04 until 2027-01-11 (1 week)");
  await app.setField("f-dmarc-weeks_per_stage", "4");
  await app.choose("f-dmarc-goal", "quarantine");
  await expect(rollout.locator("li")).toHaveCount(2);
  await app.setField("f-dmarc-weeks_per_stage", "2");
  await expect(rollout).toContainText("p=quarantine from 2027-01-18 onwards");
  // A start in the past puts today's stage in the zone file.
  await app.setField("f-dmarc-rollout_start", "2020-01-06");
  await expect(rollout).toContainText("in force today");
  await expect(page.locator("#zone-files")).toContainText("today's rollout stage (p=quarantine)");
  // A date field takes only dates; clearing it unschedules the rollout.
  await expect(page.locator("#f-dmarc-rollout_start")).toHaveAttribute("type", "date");
  await app.setField("f-dmarc-rollout_start", "");
  await expect(page.locator("#rollout")).toContainText("Set a rollout start date");
  app.expectNoErrors();
});

test("a rollout that starts at its goal has no stages to wait between", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app);
  await app.choose("f-dmarc-first_stage", "reject");
  const rollout = page.locator("#rollout");
  await expect(rollout).toContainText("p=quarantine skipped");
  await expect(rollout).toContainText("Keep reading the aggregate reports");
  await expect(rollout).not.toContainText("at each stage");
  await expect(page.locator("#f-dmarc-weeks_per_stage-notes")).toContainText("no later stage to wait for");
  // The date field's calendar button, its fourth Tab stop, shows the focus too.
  const start = page.locator("#f-dmarc-rollout_start");
  await start.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
  await expect(start).toBeFocused();
  expect(await start.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("solid");
  app.expectNoErrors();
});

test("the policy for subdomains that do not exist is fixed or chosen, and the record carries it", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app);
  const np = page.locator("#f-dmarc-np");
  const fix = page.locator(".brand-report").getByRole("button", { name: "Fix: Set np=reject" });
  const zone = page.locator("#zone-0");
  // Unset while the lanes send from subdomains: a note offers np=reject,
  // and its Open on the Problems tab comes back to the field itself.
  await app.goTo("problems");
  await page.getByRole("button", { name: "Open DMARC plan › np" }).first().click();
  await expect(np).toBeFocused();
  await expect(np).toHaveValue("");
  await expect(page.getByLabel("Subdomains that do not exist (np)")).toBeVisible();
  await fix.click();
  await expect(np).toHaveValue("reject");
  await expect(fix).toHaveCount(0);
  await expect(zone).toContainText('"v=DMARC1; p=none; np=reject; rua=mailto:dmarc-reports@fernleafcoffee.com"');
  await expect.poll(async () => (await app.savedPlan()).plan.dmarc.np).toBe("reject");
  // Not set again: the record drops np and the note comes back.
  await app.choose("f-dmarc-np", "");
  await expect(zone).toContainText('"v=DMARC1; p=none; rua=mailto:dmarc-reports@fernleafcoffee.com"');
  await expect(fix).toHaveCount(1);
  await app.choose("f-dmarc-np", "quarantine");
  await expect(zone).toContainText("p=none; np=quarantine; rua=");
  app.expectNoErrors();
});

test("optional records and alignment choices show up as records and findings", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app);
  await app.setField("f-extras-bimi_logo", "https://fernleafcoffee.com/bimi/logo.svg");
  // Logos show only under an enforcing policy, so the record waits for quarantine.
  await expect(page.locator("#f-extras-bimi_logo-notes")).toContainText("joins the records on 2027-02-01, when the rollout reaches p=quarantine");
  await expect(page.locator("table.records").first()).not.toContainText("default._bimi.fernleafcoffee.com");
  await expect(page.locator(".brand-report")).toContainText("mark certificate (VMC or CMC)");
  await page.locator("#f-dmarc-strict_spf").check();
  await app.goTo("problems");
  await expect(page.locator("ul.problems")).toContainText("aspf=s needs the bounce domain");
  await page.locator("li.problem", { hasText: "aspf=s needs the bounce domain bounce.flows" }).getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#domains-lane-revenue-flows")).toHaveAttribute("aria-current", "page");
  // Keyboard users land on the section they were sent to.
  await expect(page.locator("#domains-lane-revenue-flows")).toBeFocused();
  await expect(page.locator("#domains-lane-revenue-flows:focus-visible")).toHaveCount(1);
  app.expectNoErrors();
});

test("the domains pages fit a laptop screen and every control has a label", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  const app = new Planner(page);
  await openDomains(app);
  for (const section of ["brand", "lane-transactional", "lane-revenue-flows", "lane-promotional"]) {
    await page.locator(`#domains-${section}`).click();
    await expect(page.locator(".report")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on ${section}`).toBeLessThanOrEqual(0);
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("input:not([type=file]), select, textarea, button")].filter((el) =>
        el.tagName === "BUTTON" ? !el.textContent.trim() && !el.getAttribute("aria-label") : !(el.labels && el.labels.length),
      ).map((el) => el.id || el.outerHTML.slice(0, 80)),
    );
    expect(unlabelled, `unlabelled controls on ${section}`).toEqual([]);
  }
  // The sections can be chosen from the keyboard.
  await page.locator("#domains-brand").focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.locator("#domains-lane-transactional")).toHaveAttribute("aria-current", "page");
  app.expectNoErrors();
});

test("a null MX reads, and a planned name DNS cannot hold is a problem", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app);
  // RFC 7505: "MX 0 ." says the domain takes no mail.
  const box = page.locator("#existing-records");
  const before = await box.inputValue();
  await box.fill(before + "nomail IN MX 0 .\n");
  await box.press("Tab");
  const check = page.locator("#existing-check");
  await expect(check).toContainText("4 records read.");
  await expect(check).not.toContainText("the root");
  // 251 characters: a valid domain alone, too long under a DKIM selector.
  const long = ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(40), "fernleafcoffee.com"].join(".");
  await app.goTo("lanes");
  await app.setField("lane-revenue-flows-domain", long);
  await app.goTo("problems");
  const problem = page.locator("li.problem", { hasText: "cannot be published" }).first();
  await expect(problem).toContainText("a domain name has at most 253");
  await expect(problem).toContainText("Zone files and exports leave it out.");
  // The long name wraps instead of widening the page.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // Open goes to the lane's records, where the finding is shown too.
  await problem.getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#domains-lane-revenue-flows")).toHaveAttribute("aria-current", "page");
  await expect(page.locator("ul.findings li.problem", { hasText: "cannot be published" }).first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  app.expectNoErrors();
});

test("a published reject policy is kept from today, not weakened by the rollout", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app);
  const box = page.locator("#existing-records");
  const before = await box.inputValue();
  await box.fill(before + '_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc-reports@fernleafcoffee.com"\n');
  await box.press("Tab");
  await app.goTo("problems");
  const finding = page.locator("li.problem", { hasText: "enforces p=reject" });
  await expect(finding).toHaveClass(/error/);
  await finding.getByRole("button", { name: "Fix: Keep p=reject from today" }).click();
  await expect(finding).toHaveCount(0);
  await app.goTo("domains");
  // The weaker stages the published record passed by are shown skipped.
  const stages = page.locator("#rollout ol.stages li");
  await expect(stages.nth(0)).toContainText("p=none skipped");
  await expect(stages.nth(1)).toContainText("p=quarantine skipped");
  await expect(stages.nth(2)).toContainText("in force today");
  await expect(page.locator("#rollout svg .skipped")).toHaveCount(2);
  await expect(page.locator("#rollout-skipped")).toContainText("the policy the domain already publishes");
  const pending = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download fernleafcoffee.com.zone" }).click();
  const text = await readFile(await (await pending).path(), "utf8");
  expect(text).toMatch(/_dmarc\s+IN TXT\s+"v=DMARC1; p=reject;/);
  app.expectNoErrors();
});

test("a Mailgun lane's Return-Path set elsewhere is told at its field, with the fix there", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("lanes");
  await app.choose("lane-promotional-provider", "mailgun");
  await expect(page.locator("#lane-promotional-return-path")).toHaveValue("mail.fernleafcoffee.com");
  await app.setField("lane-promotional-return-path", "rp.mail.fernleafcoffee.com");
  const notes = page.locator("#lane-promotional-return-path-notes");
  await expect(notes).toContainText("Mailgun sends every message with the Return-Path");
  await notes.getByRole("button", { name: "Fix: Bounce at mail.fernleafcoffee.com" }).click();
  await expect(page.locator("#lane-promotional-return-path")).toHaveValue("mail.fernleafcoffee.com");
  await expect(notes).not.toContainText("Mailgun sends every message");
  // The Domains tab plans Mailgun's SPF and MX at the sending domain.
  await app.goTo("domains");
  await page.locator("#domains-lane-promotional").click();
  const records = page.locator("table.records");
  await expect(records).toContainText("v=spf1 include:mailgun.org -all");
  await expect(records).toContainText("mxa.mailgun.org");
  await expect(records).toContainText("<selector>._domainkey.mail.fernleafcoffee.com");
  app.expectNoErrors();
});

test("a key pasted under the selector Postmark picked stands in for the planned placeholder", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.goTo("domains");
  const key = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC73kVD/1a+uD+71tVlpa7Y+1wLR0Db7B0a2EAiZzPpzcK8SNdpaeamvr4pO6dEF26T5Bpb3E2suycmTzrBiuC1RZO7Un0ikafNf9nj88SSbSuoQbzgEkR6xAL1tNF9P01FlvIJ6zyxIm2267O4pahnTM0Emoj5RsftxwWV8LmY/wIDAQAB";
  const box = page.locator("#existing-records");
  await box.fill((await box.inputValue()) + `20250314120000pm._domainkey.receipts IN TXT "${key}"\n`);
  await box.press("Tab");
  await page.locator("#domains-lane-transactional").click();
  const row = page.locator("table.records tr", { hasText: "<date>pm._domainkey.receipts.fernleafcoffee.com" });
  await expect(row).toContainText("Published: the pasted records hold the provider's record at 20250314120000pm._domainkey.receipts.fernleafcoffee.com.");
  await expect(row).not.toContainText("Placeholder: replace");
  app.expectNoErrors();
});

test("after the primary domain changes, lanes left on the old domain share its zone file", async ({ page }) => {
  const app = new Planner(page);
  await app.open();
  await app.setField("brand-domain", "fernleaf.coffee");
  await app.goTo("domains");
  const downloads = page.locator("#zone-files button[id^='download-zone-']");
  await expect(downloads).toHaveCount(2);
  expect((await downloads.allInnerTexts()).sort()).toEqual([
    "Download fernleaf.coffee.zone",
    "Download fernleafcoffee.com.zone",
  ]);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download fernleafcoffee.com.zone" }).click(),
  ]);
  const text = await readFile(await download.path(), "utf8");
  expect(text).toContain("$ORIGIN fernleafcoffee.com.");
  expect(text).toMatch(/^bounce\.receipts\s/m);
  app.expectNoErrors();
});

test("an internationalised sending domain is named as people see it on the Domains tab too", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app, "promotional");
  await app.setField("f-lane-promotional-sending_domain", "nachrichten.kaffé.de");
  await expect(page.locator("#f-lane-promotional-sending_domain-notes")).toContainText(
    "It is shown to people as nachrichten.kaffé.de.",
  );
  app.expectNoErrors();
});

test("the domains page comes back to the section left open after another tab", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app, "promotional");
  await app.goTo("lanes");
  await app.goTo("domains");
  await expect(page.locator("#domains-lane-promotional")).toHaveAttribute("aria-current", "page");
  await expect(page.locator("table.records")).toContainText("bounce.mail.fernleafcoffee.com");
  await page.locator("#domains-brand").click();
  await app.goTo("overview");
  await app.goTo("domains");
  await expect(page.locator("#domains-brand")).toHaveAttribute("aria-current", "page");
  app.expectNoErrors();
});

test("Open on an optional record's or a pool's finding focuses its field", async ({ page }) => {
  const app = new Planner(page);
  await openDomains(app);
  await app.setField("existing-records", "");
  await app.goTo("problems");
  await page.locator("li.problem", { hasText: "MTA-STS" }).first().getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#f-extras-mta_sts")).toBeFocused();
  await app.goTo("lanes");
  await app.setField("lane-promotional-ip-count", "3");
  await app.goTo("problems");
  await page.locator("li.problem", { hasText: "plans 3 dedicated IPs" }).getByRole("button", { name: "Open" }).click();
  await expect(page.locator("#lane-promotional-ip-count")).toBeFocused();
  app.expectNoErrors();
});
