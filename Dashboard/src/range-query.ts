// What the range routes are asked for: the site, range, filters and comparison on screen.
import { filtersQuery, type Filter } from './audience/filters';
import { compareQuery } from './compare/period';

export interface RangeQuery {
  site: string;
  from: number;
  to: number;
  filters: readonly Filter[];
  /** Whether to ask for the previous period too. */
  compare: boolean;
}

/** Runs an API call as the page does everywhere: the answer, or undefined after an error the page has shown. */
export type Call = <T>(request: (signal?: AbortSignal) => Promise<T>, signal?: AbortSignal) => Promise<T | undefined>;

/** A part of the page that reads range routes: `show` for a new view (`clear`: show "Loading…"), `refresh` on the live beat. */
export interface RangePart {
  show(clear: boolean): void;
  refresh(): Promise<void>;
}

/** The query parameters of a range route. */
export function rangeParameters(q: RangeQuery): Record<string, string | number> {
  return { from: q.from, to: q.to, ...filtersQuery(q.filters), ...compareQuery(q.compare) };
}
