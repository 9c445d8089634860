// The browser half of scripts/bench-dmarc: writes a 50 MB aggregate report
// (one record per source address, in Google's style) unless it exists,
// serves dist/, drops it on the DMARC reports tab and times the import.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { existsSync, statSync, writeFileSync } from "node:fs";

const file = process.argv[2];
if (!existsSync(file)) writeFileSync(file, report(50_000_000));
const size = statSync(file).size;
const port = 4198;
const server = spawn("node", ["scripts/static-server.mjs", "--port", String(port), "--dir", "dist"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator(".lane-columns").waitFor();
  await page.locator("#tab-dmarc").click();
  await page.locator("#dmarc-heading").waitFor();
  const start = Date.now();
  await page.locator("#dmarc-files").setInputFiles(file);
  const outcome = page.locator("#dmarc-import-report");
  await outcome.waitFor({ timeout: 120_000 });
  const seconds = (Date.now() - start) / 1000;
  const verdict = seconds < 5 ? "within budget" : "OVER BUDGET";
  console.log(
    `DMARC report import (browser): ${(size / 1e6).toFixed(0)} MB in ${seconds.toFixed(2)} s (budget 5 s): ${verdict}, ` +
      `${(size / 1e6 / seconds).toFixed(0)} MB/s`,
  );
  console.log(`  ${(await outcome.innerText()).replace(/\n/g, " | ")}`);
} finally {
  await browser.close();
  server.kill();
}

/// A report of about `bytes` bytes: the sample plan's promotional lane
/// seen from many addresses, each row passing.
function report(bytes) {
  const head = `<?xml version="1.0" encoding="UTF-8"?>
<feedback>
  <report_metadata><org_name>google.com</org_name><email>noreply-dmarc-support@google.com</email>
    <report_id>bench-50mb</report_id><date_range><begin>1804032000</begin><end>1804118399</end></date_range></report_metadata>
  <policy_published><domain>fernleafcoffee.com</domain><adkim>r</adkim><aspf>r</aspf><p>none</p><sp>none</sp><pct>100</pct></policy_published>
`;
  const parts = [head];
  let size = head.length;
  for (let i = 0; size < bytes; i++) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const record = `  <record>
    <row><source_ip>${ip}</source_ip><count>${1 + (i % 7)}</count>
      <policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf></policy_evaluated></row>
    <identifiers><header_from>mail.fernleafcoffee.com</header_from></identifiers>
    <auth_results><dkim><domain>mail.fernleafcoffee.com</domain><selector>ses1</selector><result>pass</result></dkim>
      <spf><domain>bounce.mail.fernleafcoffee.com</domain><scope>mfrom</scope><result>pass</result></spf></auth_results>
  </record>
`;
    parts.push(record);
    size += record.length;
  }
  parts.push("</feedback>\n");
  return parts.join("");
}
