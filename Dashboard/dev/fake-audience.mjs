// A made-up but self-consistent audience for the dev server: sessions start at a steady pace per site, and each
// one's source, campaign, browser, country and pages are picked from its number alone. A breakdown or a visitor
// count is then a pure function of (site, dimension, range, filters), so checks can work out what the page must
// show, and a filter narrows every table alike.
import { noise, pages as pagesOfSite, sites } from './fake-grid.mjs';

/** What GET /api/dimensions lists; `countries` comes from the server's setting. */
export const panels = [
  { name: 'sources', dimensions: ['source', 'utm_source', 'utm_medium', 'utm_campaign'] },
  { name: 'pages', dimensions: ['page', 'entry_page', 'exit_page'] },
  { name: 'devices', dimensions: ['browser', 'os', 'device'] },
  { name: 'countries', dimensions: ['country'] },
];
export const dimensions = panels.flatMap((p) => p.dimensions);

const msBetweenSessions = { 'shop.example.com': 2000, 'blog.example.com': 6000, 'docs.example.com': 15_000 };
const none = '(none)';
const sources = ['Google', 'Direct / None', 'Bing', 'Hacker News', 'Facebook', 'DuckDuckGo', 'example.org'];
// Two campaigns are hostile on purpose: markup, and the characters that separate filters.
const campaigns = [
  [none, none, none],
  ['newsletter', 'email', 'spring-sale'],
  ['twitter', 'social', 'launch'],
  ['newsletter', 'email', '50%;off=now'],
  ['ads', 'cpc', '<img src=x onerror="document.title=\'injected\'">'],
];
const platforms = [
  ['Chrome', 'Windows', 'desktop'],
  ['Mobile Safari', 'iOS', 'mobile'],
  ['Chrome Mobile', 'Android', 'mobile'],
  ['Safari', 'Mac OS X', 'desktop'],
  ['Firefox', 'Linux', 'desktop'],
  ['Mobile Safari', 'iOS', 'tablet'],
  ['Edge', 'Windows', 'desktop'],
];
const countries = ['US', 'DE', 'GB', 'FR', 'IN', 'BR', 'JP', 'NL'];
const plans = ['free', 'pro', 'team'];

/**
 * A session's events in order: its page views, a `signup` custom event after one of them in about a third of sessions,
 * and a conversion (with a value) at the end of about one in six. Goals and funnels are worked out from these.
 */
function eventsOf(site, k, pages) {
  const events = pages.map((page) => ({ type: 'page_view', page }));
  if (noise(site, k, 'signup') < 0.35) {
    const at = 1 + Math.floor(noise(site, k, 'signup-at') * pages.length);
    events.splice(at, 0, { type: 'custom', name: 'signup', props: { plan: pick(plans, site, k, 'plan') } });
  }
  if (noise(site, k, 'purchase') < 0.18) events.push({ type: 'conversion', value: Math.round(1000 + 9000 * noise(site, k, 'value')) / 100 });
  return events;
}

/** One of a list, the first ones more often (weights 1, 1/2, 1/3, …), so every table has a head and a tail. */
function pick(list, ...key) {
  const weights = list.map((_, i) => 1 / (i + 1));
  let r = noise(...key) * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < list.length - 1; i++) if ((r -= weights[i]) < 0) return list[i];
  return list.at(-1);
}

const cache = new Map();

/** Session k of a site, which starts at k × its pace; a quarter of them are the previous session's visitor again. */
function session(site, k) {
  const key = `${site}/${k}`;
  if (cache.size > 500_000) cache.clear();
  if (cache.has(key)) return cache.get(key);
  const views = 1 + Math.floor(noise(site, k, 'views') * 4);
  const pages = Array.from({ length: views }, (_, i) => pick(pagesOfSite, site, k, 'page', i));
  const [utm_source, utm_medium, utm_campaign] = pick(campaigns, site, k, 'campaign');
  const [browser, os, device] = pick(platforms, site, k, 'platform');
  const s = {
    visitor: `${site}/${noise(site, k, 'returning') < 0.25 ? k - 1 : k}`,
    source: pick(sources, site, k, 'source'),
    utm_source, utm_medium, utm_campaign, browser, os, device,
    country: pick(countries, site, k, 'country'),
    pages,
    events: eventsOf(site, k, pages),
    durationMs: views === 1 ? 0 : Math.round((views - 1) * (10_000 + 50_000 * noise(site, k, 'duration'))),
  };
  cache.set(key, s);
  return s;
}

export function* sessions(site, from, to) {
  for (const s of site === '*' ? sites : sites.filter((name) => name === site)) {
    const pace = msBetweenSessions[s];
    for (let k = Math.ceil(from / pace); k * pace < to; k++) yield session(s, k);
  }
}

/** The values a session holds for a dimension: its pages for `page`, else one. No props here, so `prop:*` is (none). */
function valuesOf(s, dimension) {
  if (dimension === 'page') return [...new Set(s.pages)];
  if (dimension === 'entry_page') return [s.pages[0]];
  if (dimension === 'exit_page') return [s.pages.at(-1)];
  return [dimension.startsWith('prop:') ? none : s[dimension]];
}

export const matches = (s, filters) => filters.every((f) => valuesOf(s, f.dimension).includes(f.value));

export const isDimension = (name) => dimensions.includes(name) || /^prop:.{1,64}$/.test(name);

/** The `filters=` parameter once the URL is decoded: pairs split on `;` and `=`, then each half percent-decoded. */
export function parseFilters(text) {
  if (!text) return [];
  return text.split(';').map((pair) => {
    const at = pair.indexOf('=');
    const dimension = at < 1 ? '' : decodeURIComponent(pair.slice(0, at));
    if (!isDimension(dimension)) throw new Error(`bad filter "${pair}"`);
    return { dimension, value: decodeURIComponent(pair.slice(at + 1)) };
  });
}

export function breakdown(site, dimension, from, to, filters, limit) {
  const groups = new Map();
  for (const s of sessions(site, from, to)) {
    if (!matches(s, filters)) continue;
    for (const value of valuesOf(s, dimension)) {
      const g = groups.get(value) ?? { visitors: new Set(), pageviews: 0, sessions: 0, bounces: 0, durationMs: 0 };
      g.visitors.add(s.visitor);
      g.pageviews += dimension === 'page' ? s.pages.filter((p) => p === value).length : s.pages.length;
      g.sessions += 1;
      g.bounces += s.pages.length === 1 ? 1 : 0;
      g.durationMs += s.durationMs;
      groups.set(value, g);
    }
  }
  return [...groups]
    .map(([value, g]) => ({ value, visitors: g.visitors.size, pageviews: g.pageviews, bounceRate: g.bounces / g.sessions, visitDuration: Math.round(g.durationMs / g.sessions) }))
    .sort((a, b) => b.visitors - a.visitors || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, limit);
}

export function visitors(site, from, to, filters) {
  const seen = new Set();
  for (const s of sessions(site, from, to)) if (matches(s, filters)) seen.add(s.visitor);
  return seen.size;
}
