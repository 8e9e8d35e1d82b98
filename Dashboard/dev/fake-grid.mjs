// Made-up but self-consistent metrics for the dev server: every window's value is a pure function of
// (site, metric, start), so the REST answers and the hub's pushes always agree, and the clock drives finality
// the way the real grid's watermark does.

export const sites = ['shop.example.com', 'blog.example.com', 'docs.example.com'];
const baseRate = { 'shop.example.com': 6, 'blog.example.com': 2, 'docs.example.com': 0.7 };
export const pages = ['/', '/products', '/products/42', '/cart', '/checkout', '/blog/hello-world', '/pricing', '/about', '/docs/start', '/contact', '/careers', '/legal'];

const second = 1000;
const minute = 60 * second;
/** Like the grid's MaxOutOfOrderness: windows become final 2 s after they end. */
export const watermarkLagMs = 2 * second;
/** Shorter than the grid's 30 min default so the dashboard shows session windows turning final. */
export const sessionGapMs = 2 * minute;
/** How far back this fake remembers, like a grid with InfluxDB behind it. */
export const retentionMs = 24 * 60 * minute;

export const metricSteps = {
  page_views: { step: second, size: second },
  active_users: { step: 5 * second, size: 5 * second },
  conversion_rate: { step: 5 * second, size: minute },
  avg_session_duration: { step: minute, size: minute },
  sessions: { step: minute, size: minute },
  bounce_rate: { step: minute, size: minute },
};

/** A deterministic number in [0, 1) for a key: the same window always gets the same value. */
export function noise(...parts) {
  let h = 2166136261;
  for (const ch of parts.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Page views per second of a site at time t: a daily cycle plus a faster wave. */
function rate(site, t) {
  const day = Math.sin((2 * Math.PI * t) / (24 * 60 * minute));
  const wave = Math.sin((2 * Math.PI * t) / (7 * minute));
  return baseRate[site] * (1 + 0.4 * day) * (1 + 0.3 * wave);
}

function siteValue(site, metric, start) {
  const r = rate(site, start);
  const n = noise(site, metric, start);
  switch (metric) {
    case 'page_views':
      return Math.floor(r * 2 * n);
    case 'active_users':
      return Math.round(r * 3 * (0.6 + 0.8 * n));
    case 'conversion_rate':
      return 0.02 + 0.04 * n;
    case 'sessions':
      return 1 + Math.round(r * 5 * (0.5 + n));
    case 'avg_session_duration':
      return 45_000 + 240_000 * n;
    case 'bounce_rate':
      return 0.25 + 0.35 * n;
    default:
      throw new Error(`unknown metric ${metric}`);
  }
}

/** The final value of a window, or null when it does not exist (no event in it). */
function finalValue(site, metric, start) {
  if (site !== '*' && !sites.includes(site)) return null;
  if (site !== '*') {
    const v = siteValue(site, metric, start);
    return (metric === 'page_views' || metric === 'active_users') && v === 0 ? null : v;
  }
  const parts = sites.map((s) => ({ v: finalValue(s, metric, start), w: finalValue(s, 'sessions', start) ?? 1 })).filter((p) => p.v !== null);
  if (parts.length === 0) return null;
  if (metric === 'avg_session_duration' || metric === 'bounce_rate') {
    return parts.reduce((a, p) => a + p.v * p.w, 0) / parts.reduce((a, p) => a + p.w, 0);
  }
  if (metric === 'conversion_rate') return parts.reduce((a, p) => a + p.v, 0) / parts.length;
  return parts.reduce((a, p) => a + p.v, 0);
}

function finalAfter(metric, end) {
  const gap = metric === 'avg_session_duration' || metric === 'sessions' || metric === 'bounce_rate' ? sessionGapMs : 0;
  return end + gap + watermarkLagMs;
}

/** A window as the grid would report it at `now`, or null if it does not exist (yet). */
export function windowAt(site, metric, start, now) {
  const { size } = metricSteps[metric];
  const end = start + size;
  if (start > now || start < now - retentionMs) return null;
  const value = finalValue(site, metric, start);
  if (value === null) return null;
  const final = now >= finalAfter(metric, end);
  // A window still filling shows part of its count; rates and averages move a little until final.
  const filled = Math.min(1, (now - start) / size);
  const shown = final ? value : metric === 'page_views' || metric === 'active_users' || metric === 'sessions' ? Math.round(value * filled) : value;
  if (shown === 0 && !final) return null;
  return { start, end, value: shown, final };
}

export function windows(site, metric, from, to, now) {
  const { step } = metricSteps[metric];
  const out = [];
  for (let start = Math.ceil(from / step) * step; start < to; start += step) {
    const w = windowAt(site, metric, start, now);
    if (w) out.push(w);
  }
  return out;
}

/** The windows that may have changed in the last moments: the open ones and those that just became final. */
export function recentWindows(site, now, sinceMs) {
  const out = [];
  for (const metric of Object.keys(metricSteps)) {
    const oldestOpen = now - finalAfter(metric, 0) - metricSteps[metric].size;
    for (const w of windows(site, metric, oldestOpen - sinceMs, now, now)) {
      if (finalAfter(metric, w.end) > now - sinceMs) out.push({ metric, ...w });
    }
  }
  return out;
}

export function topPages(site, from, to, now, limit) {
  const views = windows(site, 'page_views', from, to, now).reduce((a, w) => a + w.value, 0);
  const weights = pages.map((page, i) => ({ page, w: (1 / (i + 1)) * (0.8 + 0.4 * noise(site, page)) }));
  const total = weights.reduce((a, p) => a + p.w, 0);
  return weights
    .map((p) => ({ page: p.page, views: Math.round((views * p.w) / total) }))
    .filter((p) => p.views > 0)
    .sort((a, b) => b.views - a.views)
    .slice(0, limit);
}

export function siteList(now) {
  return sites.map((site) => ({ site, events: Math.round(rate(site, now) * 86_400 * 1.3) }));
}

export function pipelineSnapshot(now) {
  const perMinute = sites.reduce((a, s) => a + rate(s, now), 0) * 60 * 1.3;
  const n = noise('pipeline', Math.floor(now / 2000));
  const errors = n > 0.8 ? Math.round(n * 4) : 0;
  return {
    at: now,
    eventsPerMinute: Math.round(perMinute),
    latencyP50Ms: 8 + 6 * n,
    latencyP95Ms: 30 + 25 * n,
    latencyP99Ms: 70 + 60 * n,
    errorsPerMinute: errors,
    errorRate: errors / (perMinute + errors),
    consumerLag: Math.round(40 * n),
    watermark: now - watermarkLagMs,
    finalWatermark: now - watermarkLagMs,
  };
}
