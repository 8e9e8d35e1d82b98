// Checks of the built dashboard in headless Chromium against the dev server's fake grid and hub.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, watchForErrors } from './browser.mjs';
import { startDevServer } from './server.mjs';
import { pipelineSnapshot, sites, watermarkLagMs } from './fake-grid.mjs';
import { breakdown, matches as fakeMatches, panels as fakePanels, parseFilters as fakeFilters, sessions as fakeSessions, visitors as fakeVisitors } from './fake-audience.mjs';
import { conversions as fakeConversions, goalMatches } from './fake-goals.mjs';

const key = 's3cret';
let dev;
let keyed;
let browser;

before(async () => {
  [dev, keyed, browser] = await Promise.all([startDevServer(), startDevServer({ key }), launchBrowser()]);
});

after(async () => {
  await browser?.close();
  await dev?.close();
  await keyed?.close();
});

const byId = (id) => `[data-testid="${id}"]`;

async function open(url, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = watchForErrors(page);
  await page.goto(url);
  return { page, errors };
}

function connected(page, timeout = 15_000) {
  return page.waitForSelector(`${byId('connection-state')}[data-state="connected"]`, { timeout });
}

async function valueOf(page, id) {
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.value, byId(id));
  return page.locator(byId(id)).evaluate((el) => ({ text: el.textContent, value: Number(el.dataset.value), final: el.dataset.final }));
}

/** A browser reports failed loads (a 401, a refused hub) as console errors; those are the point of some checks. */
const beyondNetwork = (errors) => errors.filter((e) => !e.includes('Failed to load resource') && !e.includes('WebSocket connection'));

function waitFor(condition, what, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  return (async () => {
    while (!condition()) {
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
}

test('live view: numbers, charts and tables fill in and keep moving, with no console error', async () => {
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com`);
  await connected(page);

  for (const id of ['total-page-views', 'page-views-latest', 'active-users-latest', 'total-sessions', 'pipeline-events-per-minute', 'pipeline-p50-ms', 'pipeline-p95-ms', 'pipeline-p99-ms', 'pipeline-consumer-lag']) {
    const { value } = await valueOf(page, id);
    assert.ok(Number.isFinite(value) && value >= 0, `${id} = ${value}`);
  }
  assert.match((await valueOf(page, 'avg-session-duration-latest')).text, /^\d+:\d\d$/);
  assert.match((await valueOf(page, 'conversion-rate-latest')).text, /%$/);
  assert.match((await valueOf(page, 'bounce-rate-latest')).text, /%$/);
  assert.equal((await valueOf(page, 'pipeline-watermark-lag-ms')).value, 2000);
  assert.equal((await valueOf(page, 'total-page-views')).final, 'false', 'a live range ends in provisional windows');

  assert.deepEqual(await page.locator(`${byId('site-picker')} option`).evaluateAll((os) => os.map((o) => o.value)), ['*', ...sites]);
  assert.equal(await page.locator(byId('site-picker')).inputValue(), 'shop.example.com');

  const rows = page.locator(`${byId('top-pages')} ${byId('top-page-row')}`);
  await rows.first().waitFor();
  assert.equal(await rows.count(), 10);
  assert.equal(await rows.first().locator(byId('top-page-path')).textContent(), '/');
  assert.ok(Number(await rows.first().locator(byId('top-page-views')).getAttribute('data-value')) > 0);
  await page.locator(`${byId('top-pages-live')} ${byId('top-page-live-row')}`).first().waitFor();

  for (const metric of ['page_views', 'active_users', 'conversion_rate', 'avg_session_duration', 'bounce_rate', 'pipeline-latency']) {
    assert.equal(await page.locator(`${byId(`chart-${metric}`)} canvas`).count(), 1, `chart ${metric}`);
  }
  assert.equal(await page.locator(byId('orleans-link')).evaluate((a) => a.href), `${dev.origin}/orleans`);

  // Pushes keep the numbers current: the page views in range change within a few seconds.
  const first = (await valueOf(page, 'total-page-views')).value;
  await page.waitForFunction(([sel, v]) => Number(document.querySelector(sel).dataset.value) !== v, [byId('total-page-views'), first], { timeout: 5000 });

  assert.deepEqual(errors, []);
  await page.close();
});

/** Opens a site the fake grid has no data for, and waits until the page is subscribed to it and has read its (empty) history. */
async function openEmptySite(site) {
  const calls = dev.hub.calls.length;
  const opened = await open(`${dev.origin}/?site=${site}`);
  await connected(opened.page);
  await waitFor(() => dev.hub.calls.slice(calls).some((c) => c.target === 'Subscribe' && c.site === site), `Subscribe(${site})`);
  await opened.page.waitForSelector(`${byId('chart-page_views')}[data-empty="true"]`);
  return opened;
}

/** The start of a minute 10 to 70 s ago: in the live range, and the first second of any chart bucket. */
const recentMinute = () => Math.floor((Date.now() - 10_000) / 60_000) * 60_000;

test('a window a push turns final is drawn final, as the cards say', async () => {
  const site = 'quiet.example.com';
  const { page, errors } = await openEmptySite(site);
  const start = recentMinute();
  const window = { metric: 'page_views', start, end: start + 1000, value: 4 };
  dev.hub.pushWindows(site, [{ ...window, final: false }]);
  await page.waitForSelector(`${byId('chart-page_views')}[data-final="false"]`);
  assert.deepEqual(await valueOf(page, 'total-page-views'), { text: '4', value: 4, final: 'false' });

  dev.hub.pushWindows(site, [{ ...window, final: true }]);
  await page.waitForSelector(`${byId('total-page-views')}[data-final="true"]`);
  // The chart's bucket is wider than the window, and as final as the one window in it.
  await page.waitForSelector(`${byId('chart-page_views')}[data-final="true"]`);
  assert.equal(await page.locator(byId('chart-page_views')).getAttribute('data-value'), '4');
  assert.deepEqual(errors, []);
  await page.close();
});

/** The series a chart holds to draw, read from the chart (`data-plotted`): one { t, value, final } per bucket. */
async function plotted(page, metric) {
  const [x, final, provisional] = JSON.parse(await page.locator(`${byId(`chart-${metric}`)} .plot`).getAttribute('data-plotted'));
  return x.map((t, i) => ({ t, value: final[i] ?? provisional[i], final: final[i] !== null }));
}

/**
 * What a chart must draw for windows of one-second counts, worked out here from the windows alone (README, Charts):
 * each bucket is the mean per second over the stretch between the first and the last window, a missing second
 * counting 0; no point outside it.
 */
function expectedCounts(x, sent) {
  const bucket = x[1] - x[0];
  const first = Math.min(...sent.map((w) => w.start));
  const last = Math.max(...sent.map((w) => w.end));
  return x.map((t) => {
    const from = Math.max(t, first);
    const to = Math.min(t + bucket, last);
    if (to <= from) return null;
    const sum = sent.filter((w) => w.start >= t && w.start < t + bucket).reduce((a, w) => a + w.value, 0);
    return sum / ((to - from) / 1000);
  });
}

test('the page-views chart draws the windows the hub sent, and a changed window after a live push', async () => {
  const site = 'drawn.example.com';
  const { page, errors } = await openEmptySite(site);
  // The last whole minute: every window of it lies before now, where the page's range ends.
  const start = Math.floor((Date.now() - 60_000) / 60_000) * 60_000;
  // A minute of one-second windows, all final: 0, 1, 2, … 9, 0, 1, … (a quiet second has no window: every 7th).
  const sent = [];
  for (let s = 0; s < 60; s++) if (s % 7 !== 3) sent.push({ metric: 'page_views', start: start + s * 1000, end: start + s * 1000 + 1000, value: s % 10, final: true });
  dev.hub.pushWindows(site, sent);
  const total = sent.reduce((a, w) => a + w.value, 0);
  await page.waitForSelector(`${byId('total-page-views')}[data-value="${total}"]`);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

  let drawn = await plotted(page, 'page_views');
  assert.ok(drawn.length > 10, `${drawn.length} buckets`);
  assert.deepEqual(drawn.map((p) => p.value), expectedCounts(drawn.map((p) => p.t), sent));
  assert.ok(drawn.filter((p) => p.value !== null).every((p) => p.final), 'every bucket drawn from final windows is final');
  assert.equal(await page.locator(byId('total-page-views')).textContent(), String(total));

  // A live push fills a quiet second with a provisional window: the chart and the cards follow.
  const later = { metric: 'page_views', start: start + 3000, end: start + 4000, value: 25, final: false };
  dev.hub.pushWindows(site, [later]);
  await page.waitForSelector(`${byId('total-page-views')}[data-value="${total + 25}"]`);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  drawn = await plotted(page, 'page_views');
  assert.deepEqual(drawn.map((p) => p.value), expectedCounts(drawn.map((p) => p.t), [...sent, later]));
  const changed = drawn.findLast((p) => p.t <= later.start);
  assert.equal(changed.final, false, 'the bucket of the provisional window is drawn provisional');
  assert.deepEqual(await valueOf(page, 'total-page-views'), { text: String(total + 25), value: total + 25, final: 'false' });
  assert.deepEqual(errors, []);
  await page.close();
});

/**
 * Opens a site of its own once the pipeline's final watermark is `lagMs` behind, has the hub push one page-views
 * window 10 to 70 s old with the given flag, and reads how the cards and the chart drawn from it mark it.
 */
async function markingOf(site, final, lagMs) {
  const { page, errors } = await openEmptySite(site);
  await page.waitForSelector(`${byId('pipeline-final-watermark-lag-ms')}[data-value="${lagMs}"]`);
  const start = recentMinute();
  dev.hub.pushWindows(site, [{ metric: 'page_views', start, end: start + 1000, value: 3, final }]);
  await page.waitForSelector(`${byId('total-page-views')}[data-value="3"]`);
  const marks = {};
  for (const id of ['total-page-views', 'page-views-latest', 'chart-page_views']) marks[id] = await page.locator(byId(id)).getAttribute('data-final');
  assert.deepEqual(errors, []);
  await page.close();
  return marks;
}

const everywhere = (final) => ({ 'total-page-views': final, 'page-views-latest': final, 'chart-page_views': final });

test('final or provisional is the flag the grid sends, never the page\'s own reading of the watermark', async () => {
  // The watermark (2 s behind now) passed the window's end long ago, but with AllowedLateness the grid keeps it
  // provisional: every number drawn from it says provisional.
  assert.deepEqual(await markingOf('late.example.com', false, watermarkLagMs), everywhere('false'));
  // And the other way round: a window the grid calls final is final, even with the watermark an hour behind it.
  dev.hub.snapshot = (now) => ({ ...pipelineSnapshot(now), watermark: now - 3_600_000, finalWatermark: now - 3_600_000 });
  try {
    assert.deepEqual(await markingOf('early.example.com', true, 3_600_000), everywhere('true'));
  } finally {
    dev.hub.snapshot = pipelineSnapshot;
  }
});

test('y-axis labels are whole when they grow long: latency past 1 s, counts past a million', async () => {
  dev.hub.snapshot = (now) => ({ ...pipelineSnapshot(now), latencyP50Ms: 900, latencyP95Ms: 4000, latencyP99Ms: 12_345 });
  try {
    const site = 'big.example.com';
    const { page, errors } = await openEmptySite(site);
    const start = recentMinute();
    dev.hub.pushWindows(site, [{ metric: 'page_views', start, end: start + 1000, value: 1_234_567, final: true }]);
    await page.waitForSelector(`${byId('chart-page_views')}[data-value="1234567"]`);
    await page.waitForSelector(`${byId('pipeline-p99-ms')}[data-value="12345"]`);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // Labels are right-aligned against the plot; one too wide for its axis runs off the canvas's left edge.
    for (const chart of ['chart-pipeline-latency', 'chart-page_views']) {
      const ink = await page.locator(`${byId(chart)} canvas`).evaluate((canvas) => {
        const { data } = canvas.getContext('2d').getImageData(0, 0, Math.round(2 * devicePixelRatio), canvas.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return n;
      });
      assert.equal(ink, 0, `${chart}: a y label reaches the canvas's left edge, so it is cut off`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    dev.hub.snapshot = pipelineSnapshot;
  }
});

test('a custom range shows exactly what the API answered, all final, and no live minute', async () => {
  const to = Math.floor(Date.now() / 60_000) * 60_000 - 30 * 60_000;
  const from = to - 10 * 60_000;
  const site = 'blog.example.com';
  // The answers as the page received them: the expected numbers are worked out from these, not from the fake grid.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchForErrors(page);
  const answers = {};
  page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/api/sites/')) answers[path.split('/').at(-1)] = await response.json();
  });
  await page.goto(`${dev.origin}/?site=${site}&range=custom&from=${from}&to=${to}`);
  await connected(page);
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.final === 'true', byId('total-page-views'));
  await page.locator(`${byId('top-pages')} ${byId('top-page-row')}`).first().waitFor();

  const windowsOf = (metric) => answers[metric].windows.filter((w) => w.start >= from && w.start < to);
  const sum = (metric) => windowsOf(metric).reduce((a, w) => a + w.value, 0);
  const newest = (metric) => windowsOf(metric).reduce((a, w) => (w.start > a.start ? w : a));
  assert.ok(windowsOf('page_views').length > 100 && windowsOf('page_views').every((w) => w.final));
  const pageViews = await valueOf(page, 'total-page-views');
  assert.deepEqual([pageViews.value, pageViews.final], [sum('page_views'), 'true']);
  assert.equal(pageViews.text, sum('page_views').toLocaleString('en-US'));
  assert.equal((await valueOf(page, 'total-sessions')).value, sum('sessions'));
  const duration = newest('avg_session_duration').value;
  const shown = await valueOf(page, 'avg-session-duration-latest');
  assert.equal(shown.value, duration);
  const seconds = Math.round(duration / 1000);
  assert.equal(shown.text, `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`);
  const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(newest('bounce_rate').value * 100);
  assert.equal((await valueOf(page, 'bounce-rate-latest')).text, `${percent} %`);

  // The table as a person reads it: its visible text, row by row, is the answer's pages and views.
  const rows = await page.locator(`${byId('top-pages')} ${byId('top-page-row')}`).evaluateAll((rs) => rs.map((r) => r.innerText.split('\t').map((c) => c.trim())));
  assert.deepEqual(rows, answers['top-pages'].pages.map((p) => [p.page, p.views.toLocaleString('en-US')]));
  assert.equal(await page.locator(byId('top-pages-live')).isVisible(), false);
  assert.equal(await page.locator(byId('range-picker')).inputValue(), 'custom');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the custom range form switches the page to history', async () => {
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com`);
  await connected(page);
  await page.selectOption(byId('range-picker'), 'custom');
  await page.fill(byId('range-from'), '2020-01-01T10:00:00');
  await page.fill(byId('range-to'), '2020-01-01T09:00:00');
  await page.click(byId('range-apply'));
  await page.locator(byId('error-banner')).filter({ hasText: 'start before it ends' }).waitFor();
  const to = new Date(Date.now() - 3_600_000);
  const from = new Date(to.getTime() - 600_000);
  const local = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  await page.fill(byId('range-from'), local(from));
  await page.fill(byId('range-to'), local(to));
  await page.click(byId('range-apply'));
  await page.waitForURL(/range=custom/);
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.final === 'true', byId('total-page-views'));
  assert.equal(await page.locator(byId('error-banner')).isVisible(), false);
  assert.equal(await page.locator(byId('top-pages-live')).isVisible(), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a site without data shows dashes and says so on every chart', async () => {
  const { page, errors } = await open(`${dev.origin}/?site=quiet.example.com`);
  await connected(page);
  await page.waitForSelector(`${byId('chart-page_views')}[data-empty="true"]`);
  for (const metric of ['active_users', 'conversion_rate', 'avg_session_duration', 'bounce_rate']) {
    assert.equal(await page.locator(byId(`chart-${metric}`)).getAttribute('data-empty'), 'true');
  }
  for (const id of ['total-page-views', 'active-users-latest', 'avg-session-duration-latest']) {
    assert.equal(await page.locator(byId(id)).textContent(), '—');
    assert.equal(await page.locator(byId(id)).getAttribute('data-value'), '');
  }
  assert.equal(await page.locator(byId('site-picker')).inputValue(), 'quiet.example.com', 'a site from the URL stays selectable');
  await page.locator(`${byId('top-pages')} td.muted`).filter({ hasText: 'No page views' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('picking another site moves the hub subscription and the URL', async () => {
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com`);
  await connected(page);
  const calls = dev.hub.calls.length;
  await page.selectOption(byId('site-picker'), 'docs.example.com');
  await waitFor(() => dev.hub.calls.slice(calls).some((c) => c.target === 'Subscribe' && c.site === 'docs.example.com'), 'Subscribe(docs)');
  assert.ok(dev.hub.calls.slice(calls).some((c) => c.target === 'Unsubscribe' && c.site === 'shop.example.com'));
  assert.match(page.url(), /site=docs\.example\.com/);
  await page.selectOption(byId('site-picker'), '*');
  await waitFor(() => dev.hub.calls.slice(calls).some((c) => c.target === 'Subscribe' && c.site === '*'), 'Subscribe(*)');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a lost hub shows as reconnecting; back, it re-subscribes and re-reads recent history', async () => {
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com`);
  await connected(page);
  dev.hub.refusing = true;
  dev.hub.drop();
  await page.waitForSelector(`${byId('connection-state')}[data-state="reconnecting"]`);
  const calls = dev.hub.calls.length;
  const requests = dev.received.requests.length;
  dev.hub.refusing = false;
  await connected(page);
  await waitFor(() => dev.hub.calls.slice(calls).some((c) => c.target === 'Subscribe' && c.site === 'shop.example.com'), 'Subscribe again');
  await waitFor(() => dev.received.requests.slice(requests).some((r) => r.path.endsWith('/metrics/page_views')), 'history re-read');
  assert.deepEqual(beyondNetwork(errors), []);
  await page.close();
});

test('a hub that is down at start shows as disconnected until it comes up', async () => {
  dev.hub.refusing = true;
  const { page, errors } = await open(`${dev.origin}/`);
  try {
    await page.waitForSelector(`${byId('connection-state')}[data-state="disconnected"]`);
    assert.ok((await valueOf(page, 'total-page-views')).value > 0, 'history still loads over REST');
  } finally {
    dev.hub.refusing = false;
  }
  await connected(page);
  assert.deepEqual(beyondNetwork(errors), []);
  await page.close();
});

test('a protected grid asks for the key, then sends it on every call and keeps it for the tab only', async () => {
  const { page, errors } = await open(`${keyed.origin}/`);
  await page.waitForSelector(`${byId('key-form')}[open]`);
  const requests = keyed.received.requests.length;
  await page.fill(byId('key-input'), key);
  await page.click(byId('key-submit'));
  await connected(page);
  await valueOf(page, 'total-page-views');
  const calls = keyed.received.requests.slice(requests).filter((r) => r.path.startsWith('/api/') || r.path.startsWith('/hubs/'));
  assert.ok(calls.length > 5);
  assert.deepEqual(calls.filter((r) => r.authorization !== `Bearer ${key}`), []);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('analytics-grid-key')), key);
  assert.equal(await page.evaluate(() => document.cookie), '');
  assert.deepEqual(beyondNetwork(errors), []);
  await page.close();
});

test('a key in the URL is used at once and taken out of the address bar', async () => {
  const { page, errors } = await open(`${keyed.origin}/?site=shop.example.com&key=${key}`);
  await connected(page);
  await valueOf(page, 'total-page-views');
  assert.doesNotMatch(page.url(), /key=/);
  assert.match(page.url(), /site=shop\.example\.com/);
  assert.equal(await page.locator(`${byId('key-form')}[open]`).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('on a phone-sized screen nothing overflows sideways', async () => {
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com`, { width: 390, height: 844 });
  await connected(page);
  await valueOf(page, 'total-page-views');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
  assert.deepEqual(errors, []);
  await page.close();
});

// The audience panels. What each table must show is worked out from the fake grid's own answer to the request the
// page made (its range, filters and limit as the fake grid read them), never from what the page did with it.

/** A panel's table as it reads: the dimension and filters it says it shows, and its rows. */
function tableOf(page, panel) {
  return page.locator(byId(`panel-${panel}`)).evaluate((el) => {
    const table = el.querySelector('[data-testid="breakdown"]');
    const rows = [...table.querySelectorAll('[data-testid="breakdown-row"]')].map((r) => ({
      value: r.querySelector('[data-testid="breakdown-value"]').textContent,
      visitors: Number(r.querySelector('[data-testid="breakdown-visitors"]').dataset.value),
      visitorsText: r.querySelector('[data-testid="breakdown-visitors"]').textContent,
      bar: parseFloat(r.querySelector('[data-testid="breakdown-bar"]').style.width),
    }));
    return { dimension: table.dataset.dimension, filters: table.dataset.filters, loaded: table.dataset.loaded, rows };
  });
}

/** The breakdown and visitors requests the page made since `since`, as the fake grid read them. */
function audienceRequests(since) {
  return dev.received.requests.slice(since).flatMap((r) => {
    const m = r.path.match(/^\/api\/sites\/([^/]+)\/(?:breakdown\/([^/]+)|visitors)$/);
    if (!m) return [];
    const q = new URLSearchParams(r.query);
    const dimension = m[2] === undefined ? 'visitors' : decodeURIComponent(m[2]);
    let filters = null;
    try {
      filters = fakeFilters(q.get('filters'));
    } catch {
      // The grid refused these filters (a check sends such on purpose); no rows answer them.
    }
    return [{ site: decodeURIComponent(m[1]), dimension, from: Number(q.get('from')), to: Number(q.get('to')), limit: Number(q.get('limit')), filtersText: q.get('filters'), filters }];
  });
}

/**
 * Waits until a panel shows the fake grid's rows for the newest request of its dimension, and returns them. A
 * refresh may be under way while the table is read, hence the wait.
 */
async function shownAsAnswered(page, panel, since, { dimension, filtersText = null } = {}) {
  let last;
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const shown = await tableOf(page, panel);
    const asked = audienceRequests(since).findLast((r) => r.dimension === shown.dimension);
    if (asked && shown.loaded === 'true' && (!dimension || shown.dimension === dimension) && asked.filtersText === filtersText) {
      const answer = breakdown(asked.site, asked.dimension, asked.from, asked.to, asked.filters, asked.limit);
      last = { shown, asked, answer };
      const rows = shown.rows.map((r) => ({ value: r.value, visitors: r.visitors }));
      if (shown.filters === (filtersText ?? '') && JSON.stringify(rows) === JSON.stringify(answer.map((r) => ({ value: r.value, visitors: r.visitors })))) return last;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const newest = audienceRequests(since).findLast((r) => r.dimension === (dimension ?? last?.shown.dimension));
  assert.fail(
    `panel ${panel} never showed the fake grid's rows for ${dimension ?? 'its dimension'} with filters=${filtersText}; ` +
      `the newest request for it carried filters=${newest?.filtersText}; the table shows ${JSON.stringify(last?.shown ?? (await tableOf(page, panel)))}`,
  );
}

/** Waits until the visitors card shows the fake grid's count for the newest visitors request, and returns it. */
async function visitorsAsAnswered(page, since, filtersText = null) {
  let expected;
  await waitFor(() => {
    const asked = audienceRequests(since).findLast((r) => r.dimension === 'visitors');
    expected = asked && asked.filtersText === filtersText ? fakeVisitors(asked.site, asked.from, asked.to, asked.filters) : undefined;
    return expected !== undefined;
  }, 'a visitors request');
  await page.waitForFunction(([sel, v]) => document.querySelector(sel).dataset.value === String(v), [byId('visitors'), expected]);
  return expected;
}

const panelNames = (page) => page.locator(`${byId('audience')} > [data-testid^="panel-"]`).evaluateAll((ps) => ps.map((p) => p.dataset.testid.slice('panel-'.length)));
const filtersInAddress = (page) => new URL(page.url()).searchParams.get('filters');
const badgesShown = (page) => page.locator(byId('unfiltered')).evaluateAll((bs) => bs.filter((b) => b.checkVisibility()).length);

test('audience panels: the panels and tabs the grid lists, the rows it answered, bars by visitors', async () => {
  const since = dev.received.requests.length;
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com`);
  await connected(page);
  await page.locator(`${byId('panel-sources')} ${byId('breakdown-row')}`).first().waitFor();
  assert.deepEqual(await panelNames(page), fakePanels.map((p) => p.name));
  for (const panel of fakePanels) {
    const tabs = await page.locator(`${byId(`panel-${panel.name}`)} ${byId('panel-tab')}`).evaluateAll((ts) => ts.map((t) => [t.dataset.dimension, t.getAttribute('aria-selected')]));
    assert.deepEqual(tabs, panel.dimensions.map((d, i) => [d, String(i === 0)]), `tabs of ${panel.name}`);
  }
  assert.equal(await page.locator(`${byId('panel-sources')} ${byId('panel-tab')}[data-dimension="utm_campaign"]`).textContent(), 'UTM campaign');

  for (const [panel, dimension] of [['sources', 'source'], ['pages', 'page'], ['devices', 'browser'], ['countries', 'country']]) {
    const { shown, asked, answer } = await shownAsAnswered(page, panel, since, { dimension });
    assert.equal(asked.limit, 10);
    assert.ok(answer.length > 3, `${panel}: ${answer.length} rows`);
    const top = answer[0].visitors;
    for (const [i, row] of shown.rows.entries()) {
      assert.equal(row.visitorsText, answer[i].visitors.toLocaleString('en-US'));
      assert.ok(Math.abs(row.bar - (100 * answer[i].visitors) / top) < 0.01, `${panel} row ${i}: bar ${row.bar} %, visitors ${answer[i].visitors} of ${top}`);
    }
  }
  assert.ok((await visitorsAsAnswered(page, since)) > 0);

  await page.click(`${byId('panel-devices')} ${byId('panel-tab')}[data-dimension="os"]`);
  const os = await shownAsAnswered(page, 'devices', since, { dimension: 'os' });
  assert.deepEqual(os.shown.rows.map((r) => r.value).sort(), ['Android', 'Linux', 'Mac OS X', 'Windows', 'iOS']);
  assert.equal(await page.locator(`${byId('panel-devices')} ${byId('panel-tab')}[data-dimension="os"]`).getAttribute('aria-selected'), 'true');
  assert.equal(await badgesShown(page), 0, 'no filter, no "unfiltered" badge');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the countries panel shows only when the grid has a country database', async () => {
  dev.audience.countries = false;
  try {
    const { page, errors } = await open(`${dev.origin}/?site=shop.example.com`);
    await page.locator(`${byId('panel-sources')} ${byId('breakdown-row')}`).first().waitFor();
    assert.deepEqual(await panelNames(page), ['sources', 'pages', 'devices']);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    dev.audience.countries = true;
  }
});

test('a click on a row filters every table and the visitors card, and the address keeps the filters', async () => {
  const opened = dev.received.requests.length;
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com`);
  await connected(page);
  const before = await shownAsAnswered(page, 'devices', opened, { dimension: 'browser' });
  const allVisitors = await visitorsAsAnswered(page, opened);

  const since = dev.received.requests.length;
  await page.locator(`${byId('panel-sources')} ${byId('breakdown-row')}[data-value="Google"]`).click();
  await page.waitForURL(/filters=source%3DGoogle(&|$)/);
  assert.equal(filtersInAddress(page), 'source=Google');
  const google = 'source=Google';
  const sources = await shownAsAnswered(page, 'sources', since, { dimension: 'source', filtersText: google });
  assert.deepEqual(sources.shown.rows.map((r) => r.value), ['Google']);
  for (const [panel, dimension] of [['pages', 'page'], ['countries', 'country']]) await shownAsAnswered(page, panel, since, { dimension, filtersText: google });
  const narrowed = await shownAsAnswered(page, 'devices', since, { dimension: 'browser', filtersText: google });
  const sum = (t) => t.shown.rows.reduce((a, r) => a + r.visitors, 0);
  assert.ok(sum(narrowed) < sum(before), `devices: ${sum(narrowed)} visitors with the filter, ${sum(before)} without`);
  assert.ok((await visitorsAsAnswered(page, since, google)) < allVisitors);
  // Every read since the click carries the filter.
  assert.deepEqual(audienceRequests(since).filter((r) => r.filtersText !== google).map((r) => r.dimension), []);

  const chips = () => page.locator(byId('filter')).evaluateAll((cs) => cs.map((c) => [c.dataset.dimension, c.dataset.value, c.innerText.replace(/\s*×$/, '')]));
  assert.deepEqual(await chips(), [['source', 'Google', 'Source is Google']]);
  // What does not take filters says so: every metric chart, every card but Visitors, and both top pages tables.
  for (const chart of ['page_views', 'active_users', 'conversion_rate', 'avg_session_duration', 'bounce_rate']) {
    assert.ok(await page.locator(`${byId(`chart-${chart}`)} ${byId('unfiltered')}`).isVisible(), `chart ${chart} says it is unfiltered`);
  }
  assert.equal(await badgesShown(page), 14);
  assert.equal(await page.locator(`.kpi:has(${byId('visitors')}) ${byId('unfiltered')}`).count(), 0);

  // A second filter on another dimension adds to the first; removing one keeps the other.
  await page.locator(`${byId('panel-devices')} ${byId('breakdown-row')}[data-value="Mobile Safari"]`).click();
  await page.waitForURL(/filters=source%3DGoogle%3Bbrowser%3DMobile\+Safari(&|$)/);
  await page.locator(`${byId('filter')}[data-dimension="source"] ${byId('filter-remove')}`).click();
  await page.waitForURL(/filters=browser%3DMobile\+Safari(&|$)/);
  await shownAsAnswered(page, 'sources', since, { dimension: 'source', filtersText: 'browser=Mobile Safari' });
  assert.deepEqual(await chips(), [['browser', 'Mobile Safari', 'Browser is Mobile Safari']]);
  const cleared = dev.received.requests.length;
  await page.click(byId('filter-remove'));
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('filters'));
  await shownAsAnswered(page, 'devices', cleared, { dimension: 'browser' });
  assert.equal(await page.locator(byId('filter-bar')).isVisible(), false);
  assert.equal(await badgesShown(page), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a shared address shows its filters, and values with ; = % reach the grid intact', async () => {
  // Written by hand as METRICS.md §5 says: ; = % inside the value encoded once more, then the whole text as a parameter.
  const text = 'utm_campaign=50%25%3Boff%3Dnow';
  const since = dev.received.requests.length;
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com&filters=${encodeURIComponent(text)}`);
  await connected(page);
  await page.click(`${byId('panel-sources')} ${byId('panel-tab')}[data-dimension="utm_campaign"]`);
  const campaign = await shownAsAnswered(page, 'sources', since, { dimension: 'utm_campaign', filtersText: text });
  assert.deepEqual(campaign.shown.rows.map((r) => r.value), ['50%;off=now']);
  assert.deepEqual(campaign.asked.filters, [{ dimension: 'utm_campaign', value: '50%;off=now' }]);
  await shownAsAnswered(page, 'devices', since, { dimension: 'browser', filtersText: text });
  await visitorsAsAnswered(page, since, text);
  assert.equal(await page.locator(byId('filter')).getAttribute('data-value'), '50%;off=now');
  assert.equal(filtersInAddress(page), text, 'the page writes the address back as it read it');
  assert.deepEqual(errors, []);
  await page.close();
});

test('values are text: markup in a value shows as written and runs nothing, in the table, the filter and after a reload', async () => {
  const markup = `<img src=x onerror="document.title='injected'">`;
  const since = dev.received.requests.length;
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com`);
  await connected(page);
  await page.click(`${byId('panel-sources')} ${byId('panel-tab')}[data-dimension="utm_campaign"]`);
  const { shown } = await shownAsAnswered(page, 'sources', since, { dimension: 'utm_campaign' });
  assert.ok(shown.rows.some((r) => r.value === markup), `rows: ${shown.rows.map((r) => r.value)}`);
  await page.locator(`${byId('panel-sources')} ${byId('breakdown-row')}`).filter({ hasText: '<img' }).click();
  await page.locator(byId('filter')).waitFor();
  assert.equal(await page.locator(byId('filter')).getAttribute('data-value'), markup);
  await page.reload();
  await shownAsAnswered(page, 'devices', since, { dimension: 'browser', filtersText: `utm_campaign=${markup.replaceAll('=', '%3D')}` });
  assert.equal(await page.locator(`${byId('filter')} span`).textContent(), `UTM campaign is ${markup}`);
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.title(), 'Analytics grid');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a filter the grid refuses shows its answer in the error banner', async () => {
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com&filters=${encodeURIComponent('nope=x')}`);
  await page.locator(byId('error-banner')).filter({ hasText: 'answered 400' }).waitFor();
  assert.equal(await page.locator(byId('filter')).getAttribute('data-dimension'), 'nope', 'and the filter stays removable');
  assert.deepEqual(beyondNetwork(errors), []);
  await page.close();
});

test('a live range re-reads the panels on the refresh beat and never blanks them meanwhile', async () => {
  const opened = dev.received.requests.length;
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com`);
  await connected(page);
  await shownAsAnswered(page, 'sources', opened, { dimension: 'source' });
  // Counts every moment a table shows no rows (a "Loading…" or an empty body) from now on.
  await page.evaluate(() => {
    window.blanks = 0;
    const blank = () => [...document.querySelectorAll('[data-testid="breakdown"] tbody')].some((b) => !b.querySelector('[data-testid="breakdown-row"]'));
    new MutationObserver(() => (window.blanks += blank() ? 1 : 0)).observe(document.querySelector('[data-testid="audience"]'), { childList: true, subtree: true });
  });
  const since = dev.received.requests.length;
  await waitFor(() => audienceRequests(since).some((r) => r.dimension === 'source'), 'the next read of the sources', 15_000);
  await shownAsAnswered(page, 'sources', since, { dimension: 'source' });
  assert.equal(await page.evaluate(() => window.blanks), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

// Goals, funnels and the comparison with the previous period. What each number must read is worked out here: from the
// fake grid's sessions for the range, filters and comparison of the request the page made (fake-goals.mjs), and the
// change by this file's own arithmetic, never from what the page did with an answer.

/** The goals and funnel requests the page made since `since`, as the fake grid read them. */
function goalRequests(since) {
  return dev.received.requests.slice(since).flatMap((r) => {
    const m = r.path.match(/^\/api\/sites\/([^/]+)\/(goals|funnels)\/([^/]+)\/(conversions|steps)$/);
    if (!m) return [];
    const q = new URLSearchParams(r.query);
    return [{ site: decodeURIComponent(m[1]), name: decodeURIComponent(m[3]), from: Number(q.get('from')), to: Number(q.get('to')), filtersText: q.get('filters'), filters: fakeFilters(q.get('filters')), compare: q.get('compare') }];
  });
}

/** The change as the page must write it: whole percent with its sign, "new" from nothing (README, Comparison). */
function changeText(current, previous) {
  if (previous === 0) return current === 0 ? '0 %' : 'new';
  const percent = Math.round((100 * (current - previous)) / previous);
  return `${percent > 0 ? '+' : percent < 0 ? '−' : ''}${Math.abs(percent).toLocaleString('en-US')} %`;
}

const percentText = (v) => `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(v * 100)} %`;
const amountText = (v) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(v);

/** The goals table as it reads. */
function goalsTable(page) {
  return page.locator(byId('goals-table')).evaluate((table) =>
    [...table.querySelectorAll('[data-testid="goal-row"]')].map((row) => {
      const cell = (id) => row.querySelector(`[data-testid="${id}"]`);
      const change = cell('goal-visitors-change');
      return {
        goal: row.dataset.goal,
        definition: cell('goal-definition').textContent,
        visitors: cell('goal-visitors').firstChild.textContent,
        change: change.hidden ? null : change.textContent,
        conversions: cell('goal-conversions').textContent,
        rate: cell('goal-conversion-rate').textContent,
        revenue: cell('goal-revenue').textContent,
      };
    }),
  );
}

/** A goals table row as the page must write it for the fake grid's totals (and previous totals when comparing). */
function expectedGoalRow(goal, definition, totals, previous) {
  return {
    goal: goal.name,
    definition,
    visitors: totals.visitors.toLocaleString('en-US'),
    change: previous ? changeText(totals.visitors, previous.visitors) : null,
    conversions: totals.conversions.toLocaleString('en-US'),
    rate: percentText(totals.conversionRate),
    revenue: goal.builtIn ? amountText(totals.revenue) : '—',
  };
}

/** Waits until the goals table shows the fake grid's totals for the newest request of each goal, and returns them. */
async function goalsAsAnswered(page, site, since, definitions, { filtersText = null, compare = false } = {}) {
  let shown;
  let expected;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    shown = await goalsTable(page);
    const asked = goalRequests(since).filter((r) => r.site === site && r.filtersText === filtersText && (r.compare === 'previous_period') === compare);
    expected = dev.goals.goals(site).map((goal) => {
      const r = asked.findLast((a) => a.name === goal.name);
      if (!r) return null;
      const totals = fakeConversions(site, goal, r.from, r.to, r.filters);
      const previous = compare ? fakeConversions(site, goal, 2 * r.from - r.to, r.from, r.filters) : null;
      return expectedGoalRow(goal, definitions[goal.name], totals, previous);
    });
    if (JSON.stringify(shown) === JSON.stringify(expected)) return shown;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(shown, expected, 'the goals table never showed the fake grid\'s totals for the requests the page made');
}

/** The funnel's bars as they read. */
function funnelShown(page) {
  return page.locator(byId('funnel-steps')).evaluate((list) => ({
    funnel: list.dataset.funnel,
    steps: [...list.querySelectorAll('[data-testid="funnel-step"]')].map((s) => {
      const v = (id) => Number(s.querySelector(`[data-testid="${id}"]`).dataset.value);
      return {
        goal: s.dataset.goal,
        visitors: v('funnel-step-visitors'),
        fromPrevious: v('funnel-step-from-previous'),
        fromFirst: v('funnel-step-from-first'),
        dropOff: v('funnel-step-drop-off'),
        bar: parseFloat(s.querySelector('[data-testid="funnel-step-bar"]').style.width),
        text: s.innerText.replace(/\s+/g, ' ').trim(),
      };
    }),
  }));
}

/** Waits until the funnel shows the fake grid's steps for the page's newest request of it, and returns them. */
async function funnelAsAnswered(page, site, funnel, since) {
  let shown;
  let expected;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    shown = await funnelShown(page);
    const r = goalRequests(since).findLast((a) => a.site === site && a.name === funnel);
    const steps = dev.goals.of(site).funnels.get(funnel)?.steps;
    if (r && steps) {
      // Worked out here from the sessions: per visitor, how far one session got through the steps in order.
      const goals = steps.map((name) => dev.goals.goal(site, name));
      const reached = goals.map(() => new Set());
      for (const s of fakeSessions(site, r.from, r.to)) {
        if (!fakeMatches(s, r.filters)) continue;
        let level = 0;
        for (const e of s.events) if (level < goals.length && goalMatches(goals[level], e)) reached[level++].add(s.visitor);
      }
      const n = reached.map((set) => set.size);
      expected = {
        funnel,
        steps: steps.map((goal, i) => {
          const fromPrevious = i === 0 ? 1 : n[i - 1] === 0 ? 0 : n[i] / n[i - 1];
          const fromFirst = i === 0 ? 1 : n[0] === 0 ? 0 : n[i] / n[0];
          const dropOff = i === 0 ? 0 : n[i - 1] - n[i];
          return {
            goal, visitors: n[i], fromPrevious, fromFirst, dropOff, bar: 100 * fromFirst,
            text: `${i + 1}. ${goal} ${n[i].toLocaleString('en-US')} ${n[i] === 1 ? 'visitor' : 'visitors'} ${percentText(fromPrevious)} of the step before ${percentText(fromFirst)} of the first ${dropOff.toLocaleString('en-US')} dropped off`,
          };
        }),
      };
      const close = (a, b) => JSON.stringify(a, (k, v) => (k === 'bar' ? Math.round(v * 1000) : v)) === JSON.stringify(b, (k, v) => (k === 'bar' ? Math.round(v * 1000) : v));
      if (close(shown, expected)) return shown;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(shown, expected, 'the funnel never showed the steps worked out for the request the page made');
}

const seeded = { purchase: 'every conversion, with revenue', pricing: 'page /pricing*', signup: 'event signup where plan = pro' };

/** A finished range half an hour ago: read once, never refreshed, so what is on screen stays put. */
function pastRange() {
  const to = Math.floor(Date.now() / 60_000) * 60_000 - 30 * 60_000;
  return { from: to - 20 * 60_000, to };
}

test('goals: each goal\'s visitors, conversions, rate and revenue for the range and filters, as the grid answered', async () => {
  const { from, to } = pastRange();
  const since = dev.received.requests.length;
  const filters = 'device=mobile';
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com&range=custom&from=${from}&to=${to}&filters=${encodeURIComponent(filters)}`);
  await connected(page);
  const rows = await goalsAsAnswered(page, 'shop.example.com', since, seeded, { filtersText: filters });
  assert.deepEqual(rows.map((r) => r.goal), ['purchase', 'pricing', 'signup']);
  assert.ok(rows.every((r) => Number(r.visitors) > 0), JSON.stringify(rows));
  assert.deepEqual(goalRequests(since).filter((r) => r.from !== from || r.to !== to || r.filtersText !== filters), [], 'every goal read carries the range and filters');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the funnel: a bar per step, its visitors, conversion from the step before and the first, and the drop-off', async () => {
  const { from, to } = pastRange();
  const since = dev.received.requests.length;
  const { page, errors } = await open(`${dev.origin}/?site=shop.example.com&range=custom&from=${from}&to=${to}`);
  await connected(page);
  const { steps } = await funnelAsAnswered(page, 'shop.example.com', 'checkout', since);
  assert.deepEqual(steps.map((s) => s.goal), ['pricing', 'signup', 'purchase']);
  assert.ok(steps[0].visitors > steps[1].visitors && steps[1].visitors > 0, JSON.stringify(steps));
  assert.equal(await page.locator(byId('funnel-picker')).inputValue(), 'checkout');
  assert.deepEqual(errors, []);
  await page.close();
});

test('compare: the toggle goes into the address and every range route, and the change shows on visitors, breakdowns and goals', async () => {
  const { from, to } = pastRange();
  const site = 'shop.example.com';
  const opened = dev.received.requests.length;
  const { page, errors } = await open(`${dev.origin}/?site=${site}&range=custom&from=${from}&to=${to}`);
  await connected(page);
  await goalsAsAnswered(page, site, opened, seeded);
  assert.equal(await page.locator(byId('visitors-change')).isVisible(), false, 'no change shown without the comparison');
  assert.equal(await page.locator(`${byId('panel-sources')} ${byId('breakdown-change')}`).count(), 0);

  const since = dev.received.requests.length;
  await page.check(byId('compare-toggle'));
  await page.waitForURL(/[?&]compare=previous_period(&|$)/);
  await goalsAsAnswered(page, site, since, seeded, { compare: true });
  const previousFrom = 2 * from - to;
  const visitorsNow = fakeVisitors(site, from, to, []);
  const visitorsBefore = fakeVisitors(site, previousFrom, from, []);
  await page.locator(byId('visitors-change')).filter({ hasText: changeText(visitorsNow, visitorsBefore) }).waitFor();
  assert.equal(await page.locator(byId('visitors')).getAttribute('data-value'), String(visitorsNow));

  // Each source row's change against the same value's visitors in the previous period's rows.
  await page.waitForSelector(`${byId('panel-sources')} ${byId('breakdown')}[data-compare="true"]`);
  const now = breakdown(site, 'source', from, to, [], 10);
  const before = breakdown(site, 'source', previousFrom, from, [], 10);
  const shown = await page.locator(`${byId('panel-sources')} ${byId('breakdown-row')}`).evaluateAll((rs) =>
    rs.map((r) => [r.dataset.value, r.querySelector('[data-testid="breakdown-change"]').textContent]));
  assert.deepEqual(shown, now.map((r) => {
    const old = before.find((b) => b.value === r.value);
    return [r.value, old ? changeText(r.visitors, old.visitors) : before.length < 10 ? 'new' : '—'];
  }));
  const asked = dev.received.requests.slice(since).filter((r) => /\/(visitors|breakdown\/|conversions|steps)/.test(r.path));
  assert.ok(asked.length >= 6);
  assert.deepEqual(asked.filter((r) => new URLSearchParams(r.query).get('compare') !== 'previous_period').map((r) => r.path), [], 'every range read compares');

  // A shared address keeps it; unticked, the address and the numbers lose it.
  await page.reload();
  assert.equal(await page.locator(byId('compare-toggle')).isChecked(), true);
  await page.locator(byId('visitors-change')).filter({ hasText: changeText(visitorsNow, visitorsBefore) }).waitFor();
  const unticked = dev.received.requests.length;
  await page.uncheck(byId('compare-toggle'));
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('compare'));
  await page.waitForSelector(`${byId('visitors-change')}[hidden]`, { state: 'attached' });
  await goalsAsAnswered(page, site, unticked, seeded);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a goal and a funnel made with the forms fill in and refresh live; the grid\'s refusals show next to their fields', async () => {
  const site = 'blog.example.com';
  const opened = dev.received.requests.length;
  const { page, errors } = await open(`${dev.origin}/?site=${site}`);
  await connected(page);
  await goalsAsAnswered(page, site, opened, { purchase: seeded.purchase });
  const goalForm = page.locator(byId('goal-form'));
  const fieldError = (form, field) => form.locator(`${byId('field-error')}[data-field="${field}"]`);

  // The grid's 400 names the field; the page shows its message there and keeps what was typed.
  await page.fill(byId('goal-name'), 'Cart Visit');
  await page.fill(byId('goal-page'), '/cart');
  await page.click(byId('goal-submit'));
  await fieldError(goalForm, 'name').filter({ hasText: 'is not a goal name' }).waitFor();
  assert.equal(await page.inputValue(byId('goal-name')), 'Cart Visit');
  assert.equal(await fieldError(goalForm, 'page').isVisible(), false);

  await page.fill(byId('goal-name'), 'cart-visit');
  await page.click(byId('goal-submit'));
  await page.waitForSelector(`${byId('goal-row')}[data-goal="cart-visit"]`);
  assert.equal(await fieldError(goalForm, 'name').isVisible(), false, 'a stored goal clears the message');
  assert.equal(await page.inputValue(byId('goal-name')), '');
  await page.selectOption(byId('goal-kind'), 'event');
  await page.fill(byId('goal-name'), 'team-signup');
  await page.fill(byId('goal-event'), 'signup');
  await page.fill(byId('goal-prop-key'), 'plan');
  await page.fill(byId('goal-prop-value'), 'team');
  await page.click(byId('goal-submit'));
  const definitions = { purchase: seeded.purchase, 'cart-visit': 'page /cart', 'team-signup': 'event signup where plan = team' };
  assert.deepEqual(dev.goals.goal(site, 'team-signup'), { name: 'team-signup', event: 'signup', props: { plan: 'team' } });
  await goalsAsAnswered(page, site, opened, definitions);

  // The funnel form: one step is refused (the grid's words under the steps), two make a funnel the view shows.
  const funnelForm = page.locator(byId('funnel-form'));
  await page.fill(byId('funnel-name'), 'carts');
  await page.selectOption(`${byId('funnel-step-goal')}[data-index="0"]`, 'cart-visit');
  await page.click(byId('funnel-submit'));
  await fieldError(funnelForm, 'steps').filter({ hasText: '2 to 8 steps' }).waitFor();
  await page.selectOption(`${byId('funnel-step-goal')}[data-index="1"]`, 'team-signup');
  await page.click(byId('funnel-submit'));
  await page.waitForSelector(`${byId('funnel-steps')}[data-funnel="carts"]`);
  assert.equal(await fieldError(funnelForm, 'steps').isVisible(), false);
  await funnelAsAnswered(page, site, 'carts', opened);

  // The next refresh beat reads them again for the range as it moved, and the numbers follow.
  const beat = dev.received.requests.length;
  await waitFor(() => goalRequests(beat).some((r) => r.name === 'carts'), 'the next read of the funnel', 15_000);
  await goalsAsAnswered(page, site, beat, definitions);
  await funnelAsAnswered(page, site, 'carts', beat);

  // A goal a funnel uses cannot go: the grid's 409 says why. Without the funnel it can.
  await page.click(`${byId('goal-row')}[data-goal="cart-visit"] ${byId('goal-delete')}`);
  await page.locator(byId('goals-message')).filter({ hasText: 'the funnel "carts" uses the goal "cart-visit"' }).waitFor();
  await page.click(byId('funnel-delete'));
  await page.locator(byId('funnel-steps')).filter({ hasText: 'No funnels yet' }).waitFor();
  for (const goal of ['cart-visit', 'team-signup']) {
    await page.click(`${byId('goal-row')}[data-goal="${goal}"] ${byId('goal-delete')}`);
    await page.waitForSelector(`${byId('goal-row')}[data-goal="${goal}"]`, { state: 'detached' });
  }
  assert.equal(await page.locator(byId('goals-message')).isVisible(), false);
  assert.deepEqual(dev.goals.goals(site), [{ name: 'purchase', builtIn: true }]);
  assert.deepEqual(beyondNetwork(errors), []);
  await page.close();
});

test('a goal\'s page pattern is text: markup in it shows as written and runs nothing', async () => {
  const site = 'docs.example.com';
  const markup = `/<img src=x onerror="document.title='injected'">`;
  assert.equal(dev.goals.putGoal(site, 'odd', { page: markup }).status, 201);
  try {
    const { page, errors } = await open(`${dev.origin}/?site=${site}`);
    await page.waitForSelector(`${byId('goal-row')}[data-goal="odd"]`);
    assert.equal(await page.locator(`${byId('goal-row')}[data-goal="odd"] ${byId('goal-definition')}`).textContent(), `page ${markup}`);
    assert.equal(await page.locator('main img').count(), 0);
    assert.equal(await page.title(), 'Analytics grid');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    dev.goals.deleteGoal(site, 'odd');
  }
});

test('with all sites on screen, goals and funnels ask for a site', async () => {
  const { page, errors } = await open(`${dev.origin}/?site=*`);
  await page.locator(byId('goals-table')).filter({ hasText: 'Pick a site to see its goals.' }).waitFor();
  await page.locator(byId('funnel-steps')).filter({ hasText: 'Pick a site to see its funnels.' }).waitFor();
  assert.equal(await page.locator(byId('goal-form')).isVisible(), false);
  assert.equal(await page.locator(byId('funnel-form')).isVisible(), false);
  assert.deepEqual(errors, []);
  await page.close();
});
