// The grid's REST API, on the page's own origin. Paths are relative to the page so the dashboard also works
// behind a path prefix; served at `/`, they are the contract's `/api/...`.
import type { AccessKey } from './auth';
import { filtersQuery, type Filter } from './audience/filters';
import type { BreakdownAnswer, DimensionsAnswer, MetricAnswer, MetricName, PipelineSnapshot, SitesAnswer, TopPagesAnswer, VisitorsAnswer } from './types';

/** The API refused the request for want of a (valid) key. */
export class UnauthorizedError extends Error {
  constructor() {
    super('An access key is needed');
  }
}

export class Api {
  constructor(private readonly key: AccessKey) {}

  private async get<T>(path: string, query: Record<string, string | number> = {}, signal?: AbortSignal): Promise<T> {
    const url = new URL(path, document.baseURI);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    const response = await fetch(url, { headers: { Accept: 'application/json', ...this.key.headers() }, signal });
    if (response.status === 401) throw new UnauthorizedError();
    if (!response.ok) throw new Error(`${url.pathname} answered ${response.status} ${response.statusText}`.trim());
    return (await response.json()) as T;
  }

  sites(): Promise<SitesAnswer> {
    return this.get('api/sites');
  }

  metric(site: string, metric: MetricName, from: number, to: number, signal?: AbortSignal): Promise<MetricAnswer> {
    return this.get(`api/sites/${encodeURIComponent(site)}/metrics/${metric}`, { from, to }, signal);
  }

  topPages(site: string, from: number, to: number, limit: number, signal?: AbortSignal): Promise<TopPagesAnswer> {
    return this.get(`api/sites/${encodeURIComponent(site)}/top-pages`, { from, to, limit }, signal);
  }

  dimensions(): Promise<DimensionsAnswer> {
    return this.get('api/dimensions');
  }

  breakdown(site: string, dimension: string, from: number, to: number, filters: readonly Filter[], limit: number, signal?: AbortSignal): Promise<BreakdownAnswer> {
    const path = `api/sites/${encodeURIComponent(site)}/breakdown/${encodeURIComponent(dimension)}`;
    return this.get(path, { from, to, limit, ...filtersQuery(filters) }, signal);
  }

  visitors(site: string, from: number, to: number, filters: readonly Filter[], signal?: AbortSignal): Promise<VisitorsAnswer> {
    return this.get(`api/sites/${encodeURIComponent(site)}/visitors`, { from, to, ...filtersQuery(filters) }, signal);
  }

  pipeline(): Promise<PipelineSnapshot> {
    return this.get('api/pipeline');
  }
}
