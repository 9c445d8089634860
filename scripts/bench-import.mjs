// The browser half of scripts/bench-import: serves dist/, opens the app,
// drops the file on the monitoring tab and times the import.
import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { statSync } from "node:fs";

const file = process.argv[2];
const size = statSync(file).size;
const port = 4199;
const server = spawn("node", ["scripts/static-server.mjs", "--port", String(port), "--dir", "dist"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const page = await browser.newPage();
  // Listen to the monitoring worker's own messages.
  await page.addInitScript(() => {
    const Base = window.Worker;
    window.Worker = class extends Base {
      constructor(...args) {
        super(...args);
        // Its answers are JSON text (src/monitor/protocol.rs, FromWorker).
        this.addEventListener("message", (e) => {
          const imported = typeof e.data === "string" && e.data.startsWith('{"imported"') ? JSON.parse(e.data).imported : null;
          if (imported) {
            const report = imported.report.map((line) => line.text).join("\n");
            window.__imported = { at: performance.now(), memory: imported.memory_bytes, report };
          }
        });
      }
    };
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator(".lane-columns").waitFor();
  await page.locator("#tab-monitoring").click();
  await page.locator("#health-heading").waitFor();
  const start = await page.evaluate(() => performance.now());
  await page.locator("#monitor-files").setInputFiles(file);
  await page.waitForFunction(() => window.__imported, null, { timeout: 120_000 });
  const done = await page.evaluate(() => window.__imported);
  const seconds = (done.at - start) / 1000;
  const ratio = done.memory / size;
  console.log(
    `monitor import (browser): ${(size / 1e6).toFixed(0)} MB in ${seconds.toFixed(2)} s (budget 10 s), ` +
      `${(size / 1e6 / seconds).toFixed(0)} MB/s; worker memory ${(done.memory / 1e6).toFixed(0)} MB = ${ratio.toFixed(2)}x the file (budget 3x)`,
  );
  console.log(`  ${done.report}`);
} finally {
  await browser.close();
  server.kill();
}
