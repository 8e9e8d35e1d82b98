// The dev server: serves dist/ like the ASP.NET host does, with a fake grid API and hub behind it, and
// records what the tracker sends. Not part of the build; `npm run dev` starts it, the checks import it.
//
//   node dev/server.mjs [--port 5080] [--key SECRET]
//
// Settings checks may change while it runs: `audience.countries` (whether GET /api/dimensions says a country
// database is configured). `goals` holds the goal and funnel definitions (shop.example.com starts with some).
// Hooks for checks, under /__dev/: GET events (beacons received), POST hub-drop (cut live connections),
// POST hub-refuse?on=1|0 (refuse new connections), GET hub-calls (Subscribe/Unsubscribe seen).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FakeHub } from './fake-hub.mjs';
import { metricSteps, siteList, topPages, windows } from './fake-grid.mjs';
import { breakdown, dimensions, isDimension, panels, parseFilters, visitors } from './fake-audience.mjs';
import { GoalBook } from './fake-goals.mjs';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.map': 'application/json' };

function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(body === null ? '' : JSON.stringify(body));
}

function problem(res, title, detail) {
  res.writeHead(400, { 'Content-Type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title, status: 400, detail }));
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function serveFile(res, path) {
  const file = normalize(join(dist, path === '/' ? 'index.html' : decodeURIComponent(path)));
  if (!file.startsWith(dist)) return json(res, 404, null);
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    json(res, 404, null);
  }
}

/**
 * Starts the server on 127.0.0.1 and resolves once it listens.
 * @param {{ port?: number, key?: string | null }} options port 0 picks a free one.
 */
export async function startDevServer({ port = 0, key = null } = {}) {
  const authorized = (token) => !key || token === key;
  const bearer = (req) => req.headers.authorization?.replace(/^Bearer /, '') ?? null;
  const hub = new FakeHub({ authorized });
  const received = { events: [], requests: [] };
  const audience = { countries: true };
  const goals = new GoalBook();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const path = url.pathname;
    received.requests.push({ method: req.method, path, query: url.search, authorization: req.headers.authorization ?? null });
    const number = (name, fallback) => (url.searchParams.has(name) ? Number(url.searchParams.get(name)) : fallback);
    const now = Date.now();

    if (path === '/api/events') {
      // Any preflight would show here: the tracker's requests must never need one.
      if (req.method !== 'POST') return json(res, 405, null);
      const body = await readBody(req);
      const parsed = JSON.parse(body);
      for (const event of Array.isArray(parsed) ? parsed : [parsed]) received.events.push({ contentType: req.headers['content-type'], event });
      return json(res, 202, { accepted: Array.isArray(parsed) ? parsed.length : 1 });
    }
    if (path.startsWith('/api/') && !authorized(bearer(req))) return json(res, 401, null);
    if (path === '/api/sites') return json(res, 200, { sites: siteList(now) });
    if (path === '/api/pipeline') return json(res, 200, hub.snapshot(now));
    const metric = path.match(/^\/api\/sites\/([^/]+)\/metrics\/([a-z_]+)$/);
    if (metric) {
      const [, site, name] = metric;
      if (!(name in metricSteps)) return json(res, 400, { title: `unknown metric ${name}` });
      const w = windows(decodeURIComponent(site), name, number('from', now - 3_600_000), number('to', now), now);
      return json(res, 200, { site: decodeURIComponent(site), metric: name, windows: w });
    }
    const top = path.match(/^\/api\/sites\/([^/]+)\/top-pages$/);
    if (top) {
      const site = decodeURIComponent(top[1]);
      return json(res, 200, { site, pages: topPages(site, number('from', now - 3_600_000), number('to', now), now, number('limit', 10)) });
    }
    if (path === '/api/dimensions') return json(res, 200, { dimensions, panels, countries: audience.countries });
    const ranged = path.match(/^\/api\/sites\/([^/]+)\/(breakdown\/([^/]+)|visitors|(?:goals|funnels)(?:\/.*)?)$/);
    if (ranged) {
      const site = decodeURIComponent(ranged[1]);
      const [from, to] = [number('from', now - 3_600_000), number('to', now)];
      const compare = url.searchParams.get('compare') === 'previous_period';
      // With compare=previous_period, the same answer for the range of equal length just before, under `previous`.
      const previous = (answer) => (compare ? { previous: answer(from - (to - from), from) } : {});
      let filters;
      try {
        filters = parseFilters(url.searchParams.get('filters'));
      } catch (error) {
        return problem(res, 'Bad filters', error.message);
      }
      if (ranged[2] === 'visitors') {
        const count = (f, t) => ({ from: f, to: t, visitors: visitors(site, f, t, filters), exact: true, relativeError: 0 });
        return json(res, 200, { site, ...count(from, to), ...previous(count) });
      }
      if (ranged[3]) {
        const dimension = decodeURIComponent(ranged[3]);
        if (!isDimension(dimension)) return problem(res, 'Unknown dimension', `"${dimension}" is not a dimension`);
        const rows = (f, t) => ({ from: f, to: t, rows: breakdown(site, dimension, f, t, filters, number('limit', 10)) });
        const { rows: current } = rows(from, to);
        return json(res, 200, { site, dimension, rows: current, ...previous(rows) });
      }
      const body = req.method === 'PUT' ? JSON.parse((await readBody(req)) || 'null') : null;
      const answer = goals.answer(req.method, site, ranged[2], body, { from, to, filters, compare });
      if (!answer) return json(res, 405, null);
      res.writeHead(answer.status, { 'Content-Type': answer.status >= 400 ? 'application/problem+json' : 'application/json' });
      return res.end(answer.body === null ? '' : JSON.stringify(answer.body));
    }
    if (path === '/hubs/metrics/negotiate' && req.method === 'POST') {
      const answer = hub.negotiate(bearer(req));
      return json(res, answer.status, answer.body);
    }
    if (path === '/__dev/events') return json(res, 200, received.events);
    if (path === '/__dev/hub-calls') return json(res, 200, hub.calls);
    if (path === '/__dev/hub-drop' && req.method === 'POST') {
      hub.drop();
      return json(res, 200, {});
    }
    if (path === '/__dev/hub-refuse' && req.method === 'POST') {
      hub.refusing = url.searchParams.get('on') === '1';
      return json(res, 200, { refusing: hub.refusing });
    }
    if (path === '/orleans' || path === '/orleans/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>Orleans dashboard</title><p>The host maps the Orleans dashboard here.</p>');
    }
    return serveFile(res, path);
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname !== '/hubs/metrics') return socket.destroy();
    // Browsers cannot set headers on a WebSocket: the SignalR client sends the key as access_token.
    hub.upgrade(req, socket, head, url.searchParams.get('access_token'));
  });

  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    hub,
    received,
    audience,
    goals,
    close: () =>
      new Promise((resolve) => {
        hub.close();
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

/** A plain static server for a test site on its own origin, so the tracker runs cross-origin as on a real site. */
export async function startSiteServer(pages) {
  const server = createServer((req, res) => {
    const page = pages[new URL(req.url, 'http://localhost').pathname];
    res.writeHead(page ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page ?? '');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '5080' }, key: { type: 'string' } } });
  const dev = await startDevServer({ port: Number(values.port), key: values.key ?? null });
  console.log(`dashboard on ${dev.origin}/${values.key ? `?key=${values.key}` : ''}`);
}
