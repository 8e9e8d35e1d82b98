// Writing numbers into the page. Every number a test or a person may read sits in an element with a stable
// data-testid, its text formatted for people and its raw value in data-value (data-final when it can change).
import { TimeChart } from './charts';
import { dash, formatCount, formatLag, formatMs, formatPercent, formatRate } from './format';
import type { PageViews, PipelineSnapshot } from './types';

export function byTestId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`the page has no element with data-testid="${id}"`);
  return el;
}

export function showValue(id: string, value: number | null, format: (v: number) => string, final?: boolean): void {
  const el = byTestId(id);
  el.textContent = value == null ? dash : format(value);
  el.dataset.value = value == null ? '' : String(value);
  if (final === undefined || value == null) delete el.dataset.final;
  else el.dataset.final = String(final);
}

export function showPages(tableId: string, rowId: string, pages: PageViews[] | null, empty: string): void {
  const body = byTestId(tableId).querySelector('tbody') as HTMLTableSectionElement;
  const rows = (pages ?? []).map((p) => {
    const row = document.createElement('tr');
    row.dataset.testid = rowId;
    const page = row.insertCell();
    page.dataset.testid = 'top-page-path';
    page.textContent = p.page;
    page.title = p.page;
    const views = row.insertCell();
    views.className = 'num';
    views.dataset.testid = 'top-page-views';
    views.dataset.value = String(p.views);
    views.textContent = formatCount(p.views);
    return row;
  });
  if (rows.length === 0) {
    const row = document.createElement('tr');
    const cell = row.insertCell();
    cell.colSpan = 2;
    cell.className = 'muted';
    cell.textContent = pages === null ? 'Loading…' : empty;
    rows.push(row);
  }
  body.replaceChildren(...rows);
}

const latencyHistoryMs = 10 * 60_000;

/** The pipeline's own health: the latest snapshot as numbers, and its latency since the page opened. */
export class PipelinePanel {
  private readonly chart: TimeChart;
  private readonly history: PipelineSnapshot[] = [];

  constructor() {
    this.chart = new TimeChart(
      byTestId('chart-pipeline-latency').querySelector('.plot') as HTMLElement,
      [
        { label: 'p50', colorVar: '--p50' },
        { label: 'p95', colorVar: '--p95' },
        { label: 'p99', colorVar: '--p99' },
      ],
      formatMs,
    );
  }

  show(s: PipelineSnapshot): void {
    const lag = (t: number | null) => (t == null ? null : Math.max(0, s.at - t));
    showValue('pipeline-events-per-minute', s.eventsPerMinute, formatRate);
    showValue('pipeline-p50-ms', s.latencyP50Ms, formatMs);
    showValue('pipeline-p95-ms', s.latencyP95Ms, formatMs);
    showValue('pipeline-p99-ms', s.latencyP99Ms, formatMs);
    showValue('pipeline-errors-per-minute', s.errorsPerMinute, formatRate);
    showValue('pipeline-error-rate', s.errorRate, formatPercent);
    showValue('pipeline-consumer-lag', s.consumerLag, formatCount);
    // Lags are measured against the snapshot's own time, so the browser's clock does not enter.
    showValue('pipeline-watermark-lag-ms', lag(s.watermark), formatLag);
    showValue('pipeline-final-watermark-lag-ms', lag(s.finalWatermark), formatLag);
    const at = byTestId('pipeline-at');
    at.textContent = `as of ${new Date(s.at).toLocaleTimeString()}`;
    at.dataset.value = String(s.at);

    if (this.history.length === 0 || s.at > this.history[this.history.length - 1].at) this.history.push(s);
    while (this.history.length > 0 && this.history[0].at < s.at - latencyHistoryMs) this.history.shift();
    this.chart.update(
      this.history.map((h) => h.at),
      [this.history.map((h) => h.latencyP50Ms), this.history.map((h) => h.latencyP95Ms), this.history.map((h) => h.latencyP99Ms)],
      // Start with a one-minute window and widen it as history builds up, to at most ten minutes.
      Math.max(s.at - latencyHistoryMs, Math.min(this.history[0].at, s.at - 60_000)),
      s.at,
    );
  }
}

export function showConnection(state: string, detail: string): void {
  const el = byTestId('connection-state');
  el.dataset.state = state;
  el.textContent = state;
  el.title = detail;
}

export function showError(message: string | null): void {
  const el = byTestId('error-banner');
  el.hidden = message === null;
  el.textContent = message ?? '';
}
