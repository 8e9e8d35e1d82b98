// Opens the dashboard on the dev server in headless Chromium and saves a screenshot to look at.
//   node dev/screenshot.mjs [out.png] [width]
import { launchBrowser, watchForErrors } from './browser.mjs';
import { startDevServer } from './server.mjs';

const out = process.argv[2] ?? '/tmp/dashboard.png';
const width = Number(process.argv[3] ?? 1400);
const dev = await startDevServer();
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors = watchForErrors(page);
  await page.goto(`${dev.origin}/?site=shop.example.com`);
  await page.waitForSelector('[data-testid="connection-state"][data-state="connected"]');
  await page.waitForTimeout(3000);
  await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}; ${errors.length ? `errors:\n${errors.join('\n')}` : 'no console errors'}`);
} finally {
  await browser.close();
  await dev.close();
}
