// What is on screen (site, time range, filters and comparison), mirrored in the page URL so a view can be bookmarked or
// shared.
import { filtersText, parseFilters, type Filter } from './audience/filters';
import { previousPeriod } from './compare/period';

export type RangeKey = '15m' | '1h' | '6h' | '24h' | 'custom';

export interface ViewState {
  site: string;
  range: RangeKey;
  /** Epoch ms; only for the custom range. */
  from: number;
  to: number;
  /** Narrow the breakdowns and the visitors card; in the URL as the API's own `filters=` text. */
  filters: Filter[];
  /** Compare with the previous period; in the URL as `compare=previous_period`, the API's own word. */
  compare: boolean;
}

export interface Span {
  from: number;
  to: number;
  /** Relative ranges follow the clock and take live pushes; a custom range is history only. */
  live: boolean;
}

const minute = 60_000;
const relativeMs: Record<Exclude<RangeKey, 'custom'>, number> = { '15m': 15 * minute, '1h': 60 * minute, '6h': 360 * minute, '24h': 1440 * minute };

export const rangeLabels: Record<RangeKey, string> = {
  '15m': 'last 15 minutes',
  '1h': 'last hour',
  '6h': 'last 6 hours',
  '24h': 'last 24 hours',
  custom: 'custom range',
};

function isRange(value: string | null): value is RangeKey {
  return value !== null && value in rangeLabels;
}

export function readViewState(now: number): ViewState {
  const query = new URLSearchParams(location.search);
  const from = Number(query.get('from'));
  const to = Number(query.get('to'));
  const range = query.get('range');
  const custom = range === 'custom' && from > 0 && to > from;
  return {
    site: query.get('site') || '*',
    range: custom ? 'custom' : isRange(range) && range !== 'custom' ? range : '15m',
    from: custom ? from : now - 3_600_000,
    to: custom ? to : now,
    filters: parseFilters(query.get('filters')),
    compare: query.get('compare') === previousPeriod,
  };
}

export function writeViewState(state: ViewState): void {
  const url = new URL(location.href);
  url.searchParams.set('site', state.site);
  url.searchParams.set('range', state.range);
  if (state.range === 'custom') {
    url.searchParams.set('from', String(state.from));
    url.searchParams.set('to', String(state.to));
  } else {
    url.searchParams.delete('from');
    url.searchParams.delete('to');
  }
  if (state.filters.length > 0) url.searchParams.set('filters', filtersText(state.filters));
  else url.searchParams.delete('filters');
  if (state.compare) url.searchParams.set('compare', previousPeriod);
  else url.searchParams.delete('compare');
  history.replaceState(history.state, '', url);
}

export function spanOf(state: ViewState, now: number): Span {
  return state.range === 'custom'
    ? { from: state.from, to: state.to, live: false }
    : { from: now - relativeMs[state.range], to: now, live: true };
}
