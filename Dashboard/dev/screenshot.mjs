// Opens the dashboard on the dev server in headless Chromium and saves a screenshot to look at.
//   node dev/screenshot.mjs [out.png] [width] [--slow]
// --slow: a pipeline whose latency runs to seconds, to see the latency chart's axis with wide labels.
import { launchBrowser, watchForErrors } from './browser.mjs';
import { pipelineSnapshot } from './fake-grid.mjs';
import { startDevServer } from './server.mjs';

const args = process.argv.slice(2);
const slow = args.includes('--slow');
const [out = '/tmp/dashboard.png', widthArg = '1400'] = args.filter((a) => !a.startsWith('--'));
const width = Number(widthArg);
const dev = await startDevServer();
if (slow) {
  dev.hub.snapshot = (now) => {
    const s = pipelineSnapshot(now);
    return { ...s, latencyP50Ms: s.latencyP50Ms * 40, latencyP95Ms: s.latencyP95Ms * 60, latencyP99Ms: s.latencyP99Ms * 100 };
  };
}
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors = watchForErrors(page);
  await page.goto(`${dev.origin}/?site=shop.example.com`);
  await page.waitForSelector('[data-testid="connection-state"][data-state="connected"]');
  await page.waitForTimeout(slow ? 7000 : 3000);
  await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}; ${errors.length ? `errors:\n${errors.join('\n')}` : 'no console errors'}`);
} finally {
  await browser.close();
  await dev.close();
}
