// Checks of dist/tracker.js in headless Chromium: a test site on its own origin loads the tracker from the
// dev server's origin, as a real site would, and the dev server records every event it receives.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { launchBrowser, watchForErrors } from './browser.mjs';
import { startDevServer, startSiteServer } from './server.mjs';

let grid;
let site;
let browser;

function sitePages(gridOrigin) {
  const page = (title, tags, body = '') => `<!doctype html><html lang="en"><head><title>${title}</title><link rel="icon" href="data:,">${tags}</head><body><h1>${title}</h1>${body}</body></html>`;
  const tracker = `<script defer src="${gridOrigin}/tracker.js" data-site="shop.example.com"></script>`;
  return {
    '/start.html': page('Start', tracker, '<a href="/shop.html">to the shop</a>'),
    '/shop.html': page('Shop', tracker),
    '/twice.html': page('Twice', tracker + tracker),
    '/cookieless.html': page('Cookieless', `<script defer src="${gridOrigin}/tracker.js" data-site="shop.example.com" data-cookieless></script>`),
    '/plain.html': page('Plain', `<script defer src="${gridOrigin}/tracker.js" data-api="${gridOrigin}/api/events?via=data-api"></script>`),
  };
}

before(async () => {
  grid = await startDevServer();
  site = await startSiteServer(sitePages(grid.origin));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await grid?.close();
});

/** Waits until `count` events arrived after the first `seen`, and returns those. */
async function eventsAfter(seen, count, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (grid.received.events.length < seen + count) {
    if (Date.now() > deadline) assert.fail(`expected ${count} events, got ${grid.received.events.length - seen}: ${JSON.stringify(grid.received.events.slice(seen))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return grid.received.events.slice(seen);
}

/**
 * How many events the page's tracker handed to the network, once every deferred script has run (the load event
 * comes after them): the tracker counts each send as it makes it, so no wait for a beacon that may never come.
 */
async function sentByPage(page) {
  await page.waitForFunction(() => document.readyState === 'complete' && window.analytics);
  return page.evaluate(() => window.analytics.sent ?? 0);
}

/** For "nothing is sent" checks: the tracker ran and sent nothing, and nothing reached the server. */
async function assertNothingSent(page, seen) {
  assert.equal(await sentByPage(page), 0);
  assert.deepEqual(grid.received.events.slice(seen), []);
}

async function newPage(initScript) {
  const context = await browser.newContext();
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  return { page, errors: watchForErrors(page) };
}

test('the minified tracker stays under 2 KB', () => {
  const bytes = statSync(new URL('../dist/tracker.js', import.meta.url)).size;
  assert.ok(bytes <= 2048, `tracker.js is ${bytes} bytes`);
});

test('page views on load and on SPA navigation, custom events and conversions', async () => {
  const seen = grid.received.events.length;
  const { page, errors } = await newPage();
  await page.goto(`${site.origin}/start.html`);
  await eventsAfter(seen, 1);
  await page.click('a');
  await page.waitForURL('**/shop.html');
  await eventsAfter(seen, 2);
  await page.evaluate(() => history.pushState({}, '', '/products/42?color=red'));
  await page.evaluate(() => history.replaceState({ scrolled: true }, '', location.href));
  await page.evaluate(() => history.pushState({}, '', '#reviews'));
  await eventsAfter(seen, 3);
  // Back to /products/42 (an anchor away: no new view), then back to /shop.html (a view).
  await page.evaluate(() => history.back());
  await page.waitForURL(/color=red$/);
  await page.evaluate(() => history.back());
  await page.waitForURL('**/shop.html');
  await page.evaluate(() => window.analytics.track('signup', { plan: 'pro', seats: 3 }));
  await page.evaluate(() => window.analytics.conversion(49.9, { order: 'A-1' }));
  const received = await eventsAfter(seen, 6);
  const events = received.map((r) => r.event);

  assert.deepEqual(events.map((e) => e.type), ['page_view', 'page_view', 'page_view', 'page_view', 'custom', 'conversion']);
  assert.deepEqual(events.slice(0, 4).map((e) => e.url), ['/start.html', '/shop.html', '/products/42?color=red', '/shop.html'].map((p) => site.origin + p));
  assert.equal(events[0].referrer, undefined, 'a direct visit has no referrer');
  assert.equal(events[1].referrer, `${site.origin}/start.html`);
  assert.deepEqual(events[4].props, { plan: 'pro', seats: 3, name: 'signup' });
  assert.equal(events[5].value, 49.9);
  assert.deepEqual(events[5].props, { order: 'A-1' });
  for (const e of events) {
    assert.equal(e.site, 'shop.example.com');
    assert.equal(e.visitor, events[0].visitor);
    assert.equal(typeof e.ts, 'number');
    assert.ok(Math.abs(e.ts - Date.now()) < 60_000);
    assert.match(e.id, /^[0-9a-f-]{32,36}$/);
  }
  assert.equal(new Set(events.map((e) => e.id)).size, events.length, 'every event has its own id');
  assert.ok(received.every((r) => r.contentType.startsWith('text/plain')), 'beacons are text/plain');
  assert.deepEqual(grid.received.requests.filter((r) => r.method === 'OPTIONS'), [], 'no CORS preflight');
  assert.equal(await page.evaluate(() => document.cookie), '', 'no cookie');
  assert.equal(await page.evaluate(() => localStorage.getItem('grid_visitor')), events[0].visitor);

  // The visitor id outlives the page.
  const beforeReload = grid.received.events.length;
  await page.reload();
  const [reloaded] = await eventsAfter(beforeReload, 1);
  assert.equal(reloaded.event.visitor, events[0].visitor);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('props are cut to what the contract accepts', async () => {
  const seen = grid.received.events.length;
  const { page } = await newPage();
  await page.goto(`${site.origin}/shop.html`);
  await eventsAfter(seen, 1);
  await page.evaluate(() => {
    const props = { long: 'a'.repeat(300), ['k'.repeat(65)]: 'dropped', none: null, price: 9.5, flag: true };
    for (let i = 0; i < 40; i++) props[`p${i}`] = i;
    window.analytics.track('many', props);
  });
  const [, custom] = await eventsAfter(seen, 2);
  const props = custom.event.props;
  assert.equal(Object.keys(props).length, 32);
  assert.equal(props.long, 'a'.repeat(256));
  assert.equal(props.price, 9.5);
  assert.equal(props.flag, 'true');
  assert.ok(!('none' in props) && !('k'.repeat(65) in props));
  await page.context().close();
});

test('Do Not Track: nothing is sent or stored, and the API still answers', async () => {
  const seen = grid.received.events.length;
  const { page, errors } = await newPage(() => Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' }));
  await page.goto(`${site.origin}/shop.html`);
  await page.evaluate(() => {
    window.analytics.track('signup');
    window.analytics.conversion(10);
    history.pushState({}, '', '/elsewhere');
  });
  await assertNothingSent(page, seen);
  assert.equal(await page.evaluate(() => localStorage.getItem('grid_visitor')), null);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('Global Privacy Control: nothing is sent', async () => {
  const seen = grid.received.events.length;
  const { page } = await newPage(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  await page.goto(`${site.origin}/shop.html`);
  await assertNothingSent(page, seen);
  await page.context().close();
});

test('without sendBeacon, events go by fetch with keepalive', async () => {
  const seen = grid.received.events.length;
  const { page, errors } = await newPage(() => delete Navigator.prototype.sendBeacon);
  await page.goto(`${site.origin}/shop.html`);
  const [received] = await eventsAfter(seen, 1);
  assert.equal(received.event.type, 'page_view');
  assert.match(received.contentType, /^text\/plain/);
  assert.deepEqual(grid.received.requests.filter((r) => r.method === 'OPTIONS'), []);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('site defaults to the page host, data-api picks the endpoint', async () => {
  const seen = grid.received.events.length;
  const { page } = await newPage();
  await page.goto(`${site.origin}/plain.html`);
  const [received] = await eventsAfter(seen, 1);
  assert.equal(received.event.site, '127.0.0.1');
  assert.ok(grid.received.requests.some((r) => r.path === '/api/events' && r.query === '?via=data-api'));
  await page.context().close();
});

test('data-cookieless: no visitor is sent and nothing is stored', async () => {
  const seen = grid.received.events.length;
  const { page, errors } = await newPage();
  await page.goto(`${site.origin}/cookieless.html`);
  await page.evaluate(() => window.analytics.track('signup'));
  const events = (await eventsAfter(seen, 2)).map((r) => r.event);
  assert.deepEqual(events.map((e) => [e.type, 'visitor' in e]), [['page_view', false], ['custom', false]]);
  assert.deepEqual(await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length]), ['', 0, 0]);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('two tags on one page track once', async () => {
  const seen = grid.received.events.length;
  const { page } = await newPage();
  await page.goto(`${site.origin}/twice.html`);
  assert.equal(await sentByPage(page), 1, 'the second tag sends nothing');
  await eventsAfter(seen, 1);
  assert.equal(grid.received.events.length, seen + 1);
  await page.context().close();
});

test('with localStorage blocked, the visitor id lives in sessionStorage', async () => {
  const seen = grid.received.events.length;
  const { page } = await newPage(() =>
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    }),
  );
  await page.goto(`${site.origin}/shop.html`);
  const [received] = await eventsAfter(seen, 1);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('grid_visitor')), received.event.visitor);
  await page.context().close();
});
