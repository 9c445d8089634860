// Checking published DNS from the Domains tab. The resolvers are answered
// by the test through route interception; any other request off this host
// is refused and fails the test, so nothing here touches the internet.
import { test, expect } from "@playwright/test";
import { Planner } from "./planner.mjs";

const KEY =
  "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtajWQItzTciZXPV1ZbW9np2UxmEHQ0zWnd/x1GJou6NVMrRktHNqg0DmApTDRxMM6bagVi7taum8syFPlmI6nFFoNn/y8zhR6nLIXh5GNMbx/UwDC8ph5gbtWAWFxg2v481ueOFbQXKz8DjcZGU+wFrugkkr1tl1norwmOExieSs+hEfWJqBY9kIrIj+REtpmB/+E2XgcIFtjEiEDe8kg6GNrzYfahLVaJt5qQnIGkBCVJoxOhYyyuDeuMYQlsZberHL4Gq57uBq+WtY/L6xAyy+prxYMsMpZowOIgZPlKGaZGItSp9gvBzBkbZ4YsRIOJ+NWd1OtoR+gkaATPr+xwIDAQAB";
const TYPES = { A: 1, CNAME: 5, PTR: 12, MX: 15, TXT: 16, AAAA: 28 };
const quote = (text) => `"${text}"`;

// The sample plan's revenue-flows lane as published: SPF and DKIM behind
// SendGrid's CNAMEs, the From domain's SPF, the tracking CNAME.
function flowsZone() {
  return [
    { name: "bounce.flows.fernleafcoffee.com", type: 5, data: "u1234.wl056.sendgrid.net." },
    { name: "u1234.wl056.sendgrid.net", type: 16, data: quote("v=spf1 ip4:198.51.100.10 include:sendgrid.net ~all") },
    { name: "flows.fernleafcoffee.com", type: 16, data: quote("v=spf1 -all") },
    { name: "s1._domainkey.flows.fernleafcoffee.com", type: 5, data: "s1.domainkey.u1234.wl056.sendgrid.net." },
    { name: "s1.domainkey.u1234.wl056.sendgrid.net", type: 16, data: `${quote("v=DKIM1; k=rsa; p=" + KEY.slice(0, 200))} ${quote(KEY.slice(200))}` },
    { name: "s2._domainkey.flows.fernleafcoffee.com", type: 5, data: "s2.domainkey.u1234.wl056.sendgrid.net." },
    { name: "s2.domainkey.u1234.wl056.sendgrid.net", type: 16, data: `${quote("v=DKIM1; k=rsa; p=" + KEY.slice(0, 200))} ${quote(KEY.slice(200))}` },
    { name: "links.flows.fernleafcoffee.com", type: 5, data: "sendgrid.net." },
    { name: "sendgrid.net", type: 1, data: "167.89.115.1" },
    { name: "sendgrid.net", type: 16, data: quote("v=spf1 ip4:167.89.0.0/17 ~all") },
  ];
}

// A DoH JSON answer as the resolvers write it, CNAMEs followed.
function answer(zone, name, type) {
  const code = TYPES[type];
  let owner = name;
  const records = [];
  for (let i = 0; i < 8; i++) {
    const here = zone.filter((r) => r.name === owner);
    const cname = here.find((r) => r.type === 5);
    if (cname && code !== 5) {
      records.push({ name: `${owner}.`, type: 5, TTL: cname.ttl ?? 3600, data: cname.data });
      owner = cname.data.replace(/\.$/, "");
      continue;
    }
    for (const r of here.filter((r) => r.type === code)) {
      records.push({ name: `${owner}.`, type: code, TTL: r.ttl ?? 3600, data: r.data });
    }
    break;
  }
  const exists = zone.some((r) => r.name === owner || r.name.endsWith(`.${owner}`));
  return {
    Status: records.length > 0 || exists ? 0 : 3,
    TC: false, RD: true, RA: true, AD: false, CD: false,
    Question: [{ name: `${name}.`, type: code }],
    Answer: records,
    // Negative answers are not cached, so a record published between
    // two checks is seen by the second.
    Authority: [{ name: "fernleafcoffee.com.", type: 6, TTL: 0, data: "ns1.example. hostmaster.example. 1 7200 3600 1209600 0" }],
  };
}

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "retry-after",
  "content-type": "application/dns-json",
};

// Answers both resolvers from `zone`; `respond` may answer instead (a 429,
// a refusal). Returns the log of requests, with the most in flight at once.
async function resolvers(page, zone, respond) {
  const log = { requests: [], stray: [], inFlight: 0, maxInFlight: 0 };
  await page.route((url) => !["127.0.0.1", "localhost"].includes(url.hostname), (route) => {
    log.stray.push(route.request().url());
    return route.abort("blockedbyclient");
  });
  await page.route(/^https:\/\/(dns\.google\/resolve|cloudflare-dns\.com\/dns-query)\?/, async (route) => {
    const url = new URL(route.request().url());
    const entry = {
      host: url.hostname,
      name: url.searchParams.get("name"),
      type: url.searchParams.get("type"),
      accept: route.request().headers()["accept"],
      at: Date.now(),
    };
    log.requests.push(entry);
    log.inFlight += 1;
    log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
    // A little latency, so several queries are in flight together.
    await new Promise((r) => setTimeout(r, 30));
    log.inFlight -= 1;
    if (respond && (await respond(route, entry, log))) return;
    await route.fulfill({ status: 200, headers: CORS, body: JSON.stringify(answer(zone, entry.name, entry.type)) });
  });
  return log;
}

async function openLive(app, lane) {
  await app.open();
  await app.goTo("domains");
  if (lane) await app.page.locator(`#domains-lane-${lane}`).click();
  await app.page.locator("#live-dns-enable").check();
}

function row(page, name) {
  return page.locator("#live-dns-results table.live-records tbody tr", { has: page.locator("td:first-child code", { hasText: new RegExp(`^${name.replace(/[.<>]/g, "\\$&")}$`) }) });
}

function expectPolite(log) {
  expect(log.stray, "no request left this host except to the resolvers").toEqual([]);
  expect(log.maxInFlight).toBeLessThanOrEqual(4);
  for (const r of log.requests) {
    expect(r.name, "only checked names are sent").toMatch(/^[a-z0-9_.-]+$/);
    expect(r.accept).toBe("application/dns-json");
  }
}

test("a lane whose SPF is published correctly passes, and the checklist takes it as proof", async ({ page }) => {
  const zone = flowsZone();
  const log = await resolvers(page, zone);
  const app = new Planner(page);
  await app.open();
  await app.goTo("domains");
  // Off until turned on: nothing is sent and the button waits.
  await expect(page.locator("#live-dns-statement")).toContainText("Google Public DNS (dns.google)");
  await expect(page.locator("#live-dns-check")).toBeDisabled();
  await page.locator("#domains-lane-revenue-flows").click();
  await page.locator("#live-dns-enable").check();
  await page.locator("#live-dns-check").click();
  await expect(row(page, "bounce.flows.fernleafcoffee.com")).toHaveClass(/verdict present/);
  await expect(row(page, "bounce.flows.fernleafcoffee.com")).toContainText("3600 s");
  await expect(row(page, "s1._domainkey.flows.fernleafcoffee.com")).toHaveClass(/verdict present/);
  await expect(page.locator("#live-dns-spf")).toContainText("198.51.100.10: pass");
  await expect(page.locator("#live-dns-dkim")).toContainText("RSA key of 2048 bits");
  // The planned zone cannot see behind the provider's CNAME, and says so.
  await expect(page.locator("#spf-verdicts")).toContainText("is a CNAME to u<account>.wl<id>.sendgrid.net");
  expect(log.requests.every((r) => r.host === "dns.google")).toBe(true);
  expect(log.requests.some((r) => r.name.includes("token"))).toBe(false);

  // Publish today's DMARC stage as the brand section plans it, and check again.
  await page.locator("#domains-brand").click();
  const planned = await row(page, "_dmarc.fernleafcoffee.com").locator("td.value code").first().textContent();
  zone.push({ name: "_dmarc.fernleafcoffee.com", type: 16, data: quote(planned) });
  await page.locator("#live-dns-check").click();
  await expect(row(page, "_dmarc.fernleafcoffee.com")).toHaveClass(/verdict equal/);
  await page.locator("#domains-lane-revenue-flows").click();
  await expect(page.locator("#live-dns-summary")).toContainText("Published as planned");
  await app.goTo("checklist");
  await expect(page.locator("body")).toContainText("Checked in published DNS on");
  expectPolite(log);
  app.expectNoErrors();
});

test("a missing DKIM key and a different DMARC record show both values", async ({ page }) => {
  const zone = flowsZone().filter((r) => !r.name.startsWith("s1."));
  zone.push({ name: "_dmarc.fernleafcoffee.com", type: 16, data: quote("v=DMARC1; p=none; rua=mailto:reports@elsewhere.example") });
  const log = await resolvers(page, zone);
  const app = new Planner(page);
  await openLive(app, "revenue-flows");
  await page.locator("#live-dns-check").click();
  const dkim = row(page, "s1._domainkey.flows.fernleafcoffee.com");
  await expect(dkim).toHaveClass(/verdict missing/);
  await expect(page.locator("#live-dns-dkim")).toContainText("no usable key");
  await expect(page.locator("#live-dns-summary")).toContainText("Not yet published as planned");
  await page.locator("#domains-brand").click();
  const dmarc = row(page, "_dmarc.fernleafcoffee.com");
  await expect(dmarc).toHaveClass(/verdict different/);
  await expect(dmarc).toContainText("rua: planned mailto:dmarc-reports@fernleafcoffee.com, published mailto:reports@elsewhere.example");
  await expect(dmarc.locator("td.value").nth(1)).toContainText("v=DMARC1; p=none; rua=mailto:reports@elsewhere.example");
  await expect(dmarc.locator("td.value").nth(0)).toContainText("rua=mailto:dmarc-reports@fernleafcoffee.com");
  // The choice of resolver is kept in the browser, and used.
  await app.choose("live-dns-resolver", "cloudflare");
  expect(await page.evaluate(() => localStorage.getItem("switchyard.live-dns.resolver"))).toBe('"cloudflare"');
  await page.locator("#live-dns-check").click();
  await expect(page.locator("#live-dns-results")).toContainText("through cloudflare-dns.com");
  expect(log.requests.some((r) => r.host === "cloudflare-dns.com")).toBe(true);
  const saved = await app.savedPlan();
  expect(JSON.stringify(saved)).not.toContain("cloudflare");
  expectPolite(log);
  app.expectNoErrors();
});

test("a resolver that answers 429 is waited for as asked, then the check completes", async ({ page }) => {
  let throttled = null;
  const log = await resolvers(page, flowsZone(), async (route, entry) => {
    if (throttled) return false;
    throttled = entry;
    await route.fulfill({ status: 429, headers: { ...CORS, "retry-after": "1" }, body: "slow down" });
    return true;
  });
  const app = new Planner(page);
  await openLive(app, "revenue-flows");
  await page.locator("#live-dns-check").click();
  await expect(row(page, "bounce.flows.fernleafcoffee.com")).toHaveClass(/verdict present/, { timeout: 15_000 });
  await expect(page.locator("#live-dns-spf")).toContainText("198.51.100.10: pass");
  const again = log.requests.filter((r) => r.name === throttled.name && r.type === throttled.type);
  expect(again.length).toBe(2);
  expect(again[1].at - again[0].at).toBeGreaterThanOrEqual(950);
  // Nothing at all was sent during the pause.
  const during = log.requests.filter((r) => r.at > throttled.at + 250 && r.at < throttled.at + 950);
  expect(during).toEqual([]);
  expectPolite(log);
  expect(app.errors.filter((e) => !e.includes("429"))).toEqual([]);
});

test("an unreachable resolver gives a plain message and the planned results stay", async ({ page }) => {
  const log = await resolvers(page, flowsZone(), async (route) => {
    await route.abort("internetdisconnected");
    return true;
  });
  const app = new Planner(page);
  await openLive(app, "revenue-flows");
  // Pressed from the keyboard: the button keeps the focus while it checks.
  await page.locator("#live-dns-check").focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#live-dns-check")).toBeFocused();
  const message = page.locator("#live-dns-message");
  await expect(message).toContainText("dns.google could not be reached", { timeout: 15_000 });
  await expect(page.locator("#live-dns-check")).toBeFocused();
  // A check that never reached the resolver judges nothing.
  await expect(page.locator("#live-dns-summary")).toContainText("Not checked");
  await expect(page.locator("#live-dns-lane")).not.toContainText("does not resolve");
  await expect(message).toContainText("planned-zone results above stay as they are");
  await expect(row(page, "bounce.flows.fernleafcoffee.com")).toHaveClass(/verdict unknown/);
  await expect(page.locator("#spf-verdicts")).toContainText("is a CNAME to");
  await expect(page.locator("#live-dns-check")).toBeEnabled();
  // It gave up after a few tries instead of hammering the resolver.
  expect(log.requests.length).toBeLessThanOrEqual(8);
  expectPolite(log);
  // Nor does the checklist take it as evidence either way.
  await app.goTo("checklist");
  await expect(page.locator(".checklist")).toContainText("Authenticate with SPF and DKIM");
  await expect(page.locator(".checklist")).not.toContainText("Checked in published DNS");
  expect(app.errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED"))).toEqual([]);
});
