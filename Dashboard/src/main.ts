// The dashboard: one site and one time range on screen, filled from the REST API and, for ranges that
// end now, kept current by the hub's pushes.
import './styles.css';
import { Api, UnauthorizedError } from './api';
import { Audience } from './audience/audience';
import { showFilters } from './audience/filter-bar';
import { withFilter, withoutFilter, type Filter } from './audience/filters';
import { AccessKey, keyPrompt } from './auth';
import { WindowChart } from './charts';
import { bindCompareToggle } from './compare/toggle';
import { FunnelsPanel } from './funnels/funnels-panel';
import { GoalsPanel } from './goals/goals-panel';
import { formatCount, formatMinutesSeconds, formatPercent } from './format';
import { LiveConnection } from './live';
import { allMetrics, bucketFor, chartedMetrics, metricInfo, type MetricInfo } from './metrics';
import type { RangePart, RangeQuery } from './range-query';
import { bucketize, WindowStore, type Point } from './series';
import type { MetricName, PipelineSnapshot, TopPagesPush } from './types';
import { rangeLabels, readViewState, spanOf, writeViewState, type RangeKey, type ViewState } from './view-state';
import { byTestId, PipelinePanel, showConnection, showError, showPages, showValue } from './views';

const topPagesLimit = 10;
const minute = 60_000;
// A (re)connect re-reads this much recent history: session windows stay provisional until the watermark
// passes their end plus the session gap (30 min by default), so they may have changed while away.
const resyncMs = 35 * minute;
/** How often a live range re-reads what the hub does not push: top pages, the audience panels and visitors, goals and funnels. */
const restRefreshMs = 10_000;
const sitesRefreshMs = 30_000;

const key = new AccessKey();
const api = new Api(key);
const store = new WindowStore();
const pipeline = new PipelinePanel();
/** True while the key form waits: polling on would only collect more refusals. */
let waitingForKey = false;
const showKeyForm = keyPrompt((entered) => {
  waitingForKey = false;
  key.set(entered);
  showError(null);
  void refreshSites();
  void live.start();
  changeView();
});

function askForKey(): void {
  waitingForKey = true;
  showKeyForm();
}

const siteSelect = document.getElementById('site') as HTMLSelectElement;
const rangeSelect = document.getElementById('range') as HTMLSelectElement;
const customForm = document.getElementById('custom-range') as HTMLFormElement;
const fromInput = document.getElementById('range-from') as HTMLInputElement;
const toInput = document.getElementById('range-to') as HTMLInputElement;
const livePagesCard = document.getElementById('live-pages-card') as HTMLElement;

const durationTicks = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);
const charts = new Map(
  chartedMetrics.map((m) => {
    const host = byTestId(`chart-${m}`).querySelector('.plot') as HTMLElement;
    return [m, new WindowChart(host, metricInfo[m].format, m === 'avg_session_duration' ? durationTicks : undefined)] as const;
  }),
);

let state: ViewState = readViewState(Date.now());
let latestPipeline: PipelineSnapshot | null = null;
/** Aborted when the view changes, so an answer for the previous site or range never lands in the store. */
let view = new AbortController();
/** Whether the view's history has been read: until then an empty chart means "loading", not "no data". */
let loaded = false;

function sameSite(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Runs one API call: a success clears the error banner, a failure shows it (or asks for the key). */
async function call<T>(request: (signal?: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T | undefined> {
  try {
    const answer = await request(signal);
    if (signal?.aborted) return undefined;
    showError(null);
    return answer;
  } catch (error) {
    if (signal?.aborted) return undefined;
    if (error instanceof UnauthorizedError) askForKey();
    else showError(`Could not reach the grid: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

async function fetchWindows(from: number, to: number, signal: AbortSignal): Promise<void> {
  const site = state.site;
  const answers = await call((s) => Promise.all(allMetrics.map((m) => api.metric(site, m, from, to, s).then((a) => [m, a.windows] as const))), signal);
  for (const [metric, windows] of answers ?? []) for (const w of windows) store.merge(metric, w);
  scheduleRender();
}

async function refreshTopPages(): Promise<void> {
  const { from, to } = spanOf(state, Date.now());
  const answer = await call((s) => api.topPages(state.site, from, to, topPagesLimit, s), view.signal);
  if (answer) showPages('top-pages', 'top-page-row', answer.pages, 'No page views in this range.');
}

async function refreshSites(): Promise<void> {
  const answer = await call(() => api.sites());
  if (!answer) return;
  const options = [new Option('All sites', '*')];
  for (const s of answer.sites) options.push(new Option(`${s.site} (${formatCount(s.events)} events)`, s.site));
  // A site from a shared link that the grid has not seen yet still stays selectable.
  if (!options.some((o) => sameSite(o.value, state.site))) options.push(new Option(state.site, state.site));
  siteSelect.replaceChildren(...options);
  siteSelect.value = options.find((o) => sameSite(o.value, state.site))?.value ?? '*';
}

async function refreshPipeline(): Promise<void> {
  const snapshot = await call(() => api.pipeline());
  if (snapshot) showPipeline(snapshot);
}

function showPipeline(snapshot: PipelineSnapshot): void {
  latestPipeline = snapshot;
  pipeline.show(snapshot);
}

/** What the range routes are asked for: the view on screen, a live range as of now. */
const rangeQuery = (): RangeQuery => {
  const { from, to } = spanOf(state, Date.now());
  return { site: state.site, from, to, filters: state.filters, compare: state.compare };
};
const audience = new Audience(api, call, rangeQuery, (filter) => setFilters(withFilter(state.filters, filter)));
const funnels = new FunnelsPanel(api, call, rangeQuery);
const goals = new GoalsPanel(api, call, rangeQuery, () => void funnels.refresh());
(document.getElementById('conversions') as HTMLElement).append(goals.element, funnels.element);
/** Everything that reads the range routes, which take filters and the comparison. */
const rangeParts: RangePart[] = [audience, goals, funnels];

/** New filters or comparison: into the address, and every table and card that takes them reads again. */
function setRangeOptions(options: Pick<ViewState, 'filters' | 'compare'>): void {
  state = { ...state, ...options };
  writeViewState(state);
  showFilterBar();
  for (const part of rangeParts) part.show(false);
}

function setFilters(filters: Filter[]): void {
  setRangeOptions({ filters, compare: state.compare });
}

/** The filter bar for the filters on screen; each chip's button removes its filter. */
function showFilterBar(): void {
  showFilters(state.filters, (dimension) => setFilters(withoutFilter(state.filters, dimension)));
}

/** Everything for a new site or range: forget the old windows, read the new ones, follow the new site. */
function changeView(): void {
  view.abort();
  view = new AbortController();
  writeViewState(state);
  store.clear();
  const span = spanOf(state, Date.now());
  livePagesCard.hidden = !span.live;
  showPages('top-pages', 'top-page-row', null, '');
  showPages('top-pages-live', 'top-page-live-row', null, '');
  (document.getElementById('view-title') as HTMLElement).textContent =
    span.live ? `Live: ${rangeLabels[state.range]}` : `History: ${new Date(span.from).toLocaleString()} to ${new Date(span.to).toLocaleString()}`;
  loaded = false;
  scheduleRender();
  const signal = view.signal;
  void fetchWindows(span.from, span.to, signal).then(() => {
    loaded = !signal.aborted;
  });
  void refreshTopPages();
  showFilterBar();
  for (const part of rangeParts) part.show(true);
  void live.follow(state.site);
}

/**
 * For counts in a live range: the start of the last step the grid's watermark has passed (with one step of
 * margin). A count whose newest window starts before it has had quiet steps since, so its card reads 0.
 * Null when not known. It says what the latest value is, never whether it is final.
 */
function quietFrom(info: MetricInfo): number | null {
  const watermark = latestPipeline?.finalWatermark ?? latestPipeline?.watermark;
  if (info.combine !== 'perStep' || watermark == null || !spanOf(state, Date.now()).live) return null;
  return Math.floor(watermark / info.stepMs) * info.stepMs - info.stepMs;
}

/**
 * The value of the newest window and its final flag as the grid sent it. For counts, 0 once the watermark shows
 * that later steps stayed empty; those steps have no window and so no flag of their own, and the card keeps the
 * newest window's.
 */
function latest(metric: MetricName, from: number, to: number): { value: number | null; final: boolean } {
  const w = store.latest(metric, from, to);
  if (!w) return { value: null, final: true };
  const quiet = quietFrom(metricInfo[metric]);
  return { value: quiet !== null && w.start < quiet ? 0 : w.value, final: w.final };
}

function render(): void {
  const { from, to } = spanOf(state, Date.now());
  for (const [metric, chart] of charts) {
    const info = metricInfo[metric];
    // About one point per two pixels: finer detail would only blur into a solid band.
    const bucketMs = bucketFor(info, to - from, Math.max(100, chart.width / 2));
    const points = bucketize(store, info, from, to, bucketMs);
    chart.update(points, from, to);
    const figure = byTestId(`chart-${metric}`);
    figure.dataset.empty = String(loaded && points.every((p) => p.value === null));
    // The newest point drawn, for checks: its value and whether it is drawn final (solid) or provisional.
    let newest: Point | undefined;
    for (const p of points) if (p.value !== null) newest = p;
    figure.dataset.value = newest ? String(newest.value) : '';
    if (newest) figure.dataset.final = String(newest.final);
    else delete figure.dataset.final;
  }
  const pageViews = store.total('page_views', from, to);
  showValue('total-page-views', pageViews.windows ? pageViews.value : null, formatCount, pageViews.final);
  const sessions = store.total('sessions', from, to);
  showValue('total-sessions', sessions.windows ? sessions.value : null, formatCount, sessions.final);
  const show = (id: string, metric: MetricName, format: (v: number) => string) => {
    const { value, final } = latest(metric, from, to);
    showValue(id, value, format, final);
  };
  show('page-views-latest', 'page_views', formatCount);
  show('active-users-latest', 'active_users', formatCount);
  show('conversion-rate-latest', 'conversion_rate', formatPercent);
  show('avg-session-duration-latest', 'avg_session_duration', formatMinutesSeconds);
  show('bounce-rate-latest', 'bounce_rate', formatPercent);
}

let renderPending = false;
/** Pushes come in bursts several times a second; the page redraws at most once per frame. */
function scheduleRender(): void {
  if (renderPending) return;
  renderPending = true;
  requestAnimationFrame(() => {
    renderPending = false;
    render();
  });
}

function showLivePages(push: TopPagesPush): void {
  showPages('top-pages-live', 'top-page-live-row', push.pages, 'No page views yet this minute.');
  const badge = document.getElementById('live-pages-badge') as HTMLElement;
  badge.textContent = `${new Date(push.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}${push.final ? '' : ' · provisional'}`;
  byTestId('top-pages-live').dataset.final = String(push.final);
}

const live = new LiveConnection('hubs/metrics', () => key.value, {
  windows(push) {
    if (!sameSite(push.site, state.site) || !spanOf(state, Date.now()).live) return;
    let changed = false;
    for (const w of push.windows) changed = store.merge(w.metric, w) || changed;
    if (changed) scheduleRender();
  },
  topPages(push) {
    if (sameSite(push.site, state.site) && spanOf(state, Date.now()).live) showLivePages(push);
  },
  pipeline: showPipeline,
  state: showConnection,
  resubscribed() {
    const span = spanOf(state, Date.now());
    if (span.live) void fetchWindows(Math.max(span.from, span.to - resyncMs), span.to, view.signal);
    void refreshPipeline();
  },
  unauthorized: () => askForKey(),
});

function toLocalInput(t: number): string {
  const d = new Date(t - new Date(t).getTimezoneOffset() * minute);
  return d.toISOString().slice(0, 19);
}

siteSelect.addEventListener('change', () => {
  state = { ...state, site: siteSelect.value };
  changeView();
});

rangeSelect.addEventListener('change', () => {
  const range = rangeSelect.value as RangeKey;
  customForm.hidden = range !== 'custom';
  if (range === 'custom') {
    // Start the custom range from what is on screen; it applies once the user presses Show.
    const span = spanOf(state, Date.now());
    fromInput.value = toLocalInput(span.from);
    toInput.value = toLocalInput(span.to);
    fromInput.focus();
    return;
  }
  state = { ...state, range };
  changeView();
});

customForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const from = new Date(fromInput.value).getTime();
  const to = new Date(toInput.value).getTime();
  if (!(from < to)) {
    showError('The custom range must start before it ends.');
    return;
  }
  showError(null);
  state = { ...state, range: 'custom', from, to };
  changeView();
});

bindCompareToggle(state.compare, (compare) => setRangeOptions({ filters: state.filters, compare }));

rangeSelect.value = state.range;
customForm.hidden = state.range !== 'custom';
if (state.range === 'custom') {
  fromInput.value = toLocalInput(state.from);
  toInput.value = toLocalInput(state.to);
}

// A live range slides with the clock even when no push arrives.
setInterval(() => {
  const span = spanOf(state, Date.now());
  if (!span.live) return;
  store.prune(span.from - minute);
  scheduleRender();
}, 1000);
setInterval(() => {
  if (!spanOf(state, Date.now()).live || waitingForKey) return;
  void refreshTopPages();
  for (const part of rangeParts) void part.refresh();
}, restRefreshMs);
setInterval(() => {
  if (!waitingForKey) void refreshSites();
}, sitesRefreshMs);

void refreshSites();
void refreshPipeline();
changeView();
void live.start();
