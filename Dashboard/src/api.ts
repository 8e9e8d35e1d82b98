// The grid's REST API, on the page's own origin. Paths are relative to the page so the dashboard also works
// behind a path prefix; served at `/`, they are the contract's `/api/...`.
import type { AccessKey } from './auth';
import { readProblem, type Problem } from './problem';
import { rangeParameters, type RangeQuery } from './range-query';
import type {
  BreakdownAnswer, ConversionsAnswer, DimensionsAnswer, Funnel, FunnelsAnswer, FunnelStepsAnswer, Goal, GoalsAnswer, MetricAnswer, MetricName,
  PipelineSnapshot, SitesAnswer, TopPagesAnswer, VisitorsAnswer,
} from './types';

/** The API refused the request for want of a (valid) key. */
export class UnauthorizedError extends Error {
  constructor() {
    super('An access key is needed');
  }
}

/** What a change answers: the stored value, or the grid's refusal (400 or 409) for the form to show. */
export type Outcome<T> = { value: T; problem?: undefined } | { problem: Problem };

const sitePath = (site: string) => `api/sites/${encodeURIComponent(site)}`;

export class Api {
  constructor(private readonly key: AccessKey) {}

  private url(path: string, query: Record<string, string | number>): URL {
    const url = new URL(path, document.baseURI);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value));
    return url;
  }

  private async get<T>(path: string, query: Record<string, string | number> = {}, signal?: AbortSignal): Promise<T> {
    const url = this.url(path, query);
    const response = await fetch(url, { headers: { Accept: 'application/json', ...this.key.headers() }, signal });
    if (response.status === 401) throw new UnauthorizedError();
    if (!response.ok) throw new Error(`${url.pathname} answered ${response.status} ${response.statusText}`.trim());
    return (await response.json()) as T;
  }

  /** A PUT or DELETE: a 400 or 409 comes back as the grid's problem, any other failure throws as get does. */
  private async change<T>(method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<Outcome<T | null>> {
    const url = this.url(path, {});
    const headers = new Headers(this.key.headers());
    headers.set('Accept', 'application/json');
    if (body !== undefined) headers.set('Content-Type', 'application/json');
    const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status === 401) throw new UnauthorizedError();
    if (response.status === 400 || response.status === 409) return { problem: readProblem(response.status, await response.json().catch(() => null)) };
    if (!response.ok) throw new Error(`${method} ${url.pathname} answered ${response.status} ${response.statusText}`.trim());
    return { value: response.status === 204 ? null : ((await response.json()) as T) };
  }

  sites(): Promise<SitesAnswer> {
    return this.get('api/sites');
  }

  metric(site: string, metric: MetricName, from: number, to: number, signal?: AbortSignal): Promise<MetricAnswer> {
    return this.get(`${sitePath(site)}/metrics/${metric}`, { from, to }, signal);
  }

  topPages(site: string, from: number, to: number, limit: number, signal?: AbortSignal): Promise<TopPagesAnswer> {
    return this.get(`${sitePath(site)}/top-pages`, { from, to, limit }, signal);
  }

  dimensions(): Promise<DimensionsAnswer> {
    return this.get('api/dimensions');
  }

  breakdown(q: RangeQuery, dimension: string, limit: number, signal?: AbortSignal): Promise<BreakdownAnswer> {
    return this.get(`${sitePath(q.site)}/breakdown/${encodeURIComponent(dimension)}`, { ...rangeParameters(q), limit }, signal);
  }

  visitors(q: RangeQuery, signal?: AbortSignal): Promise<VisitorsAnswer> {
    return this.get(`${sitePath(q.site)}/visitors`, rangeParameters(q), signal);
  }

  goals(site: string, signal?: AbortSignal): Promise<GoalsAnswer> {
    return this.get(`${sitePath(site)}/goals`, {}, signal);
  }

  putGoal(site: string, name: string, definition: Omit<Goal, 'name'>): Promise<Outcome<Goal | null>> {
    return this.change('PUT', `${sitePath(site)}/goals/${encodeURIComponent(name)}`, definition);
  }

  deleteGoal(site: string, name: string): Promise<Outcome<null>> {
    return this.change('DELETE', `${sitePath(site)}/goals/${encodeURIComponent(name)}`);
  }

  conversions(q: RangeQuery, goal: string, signal?: AbortSignal): Promise<ConversionsAnswer> {
    return this.get(`${sitePath(q.site)}/goals/${encodeURIComponent(goal)}/conversions`, rangeParameters(q), signal);
  }

  funnels(site: string, signal?: AbortSignal): Promise<FunnelsAnswer> {
    return this.get(`${sitePath(site)}/funnels`, {}, signal);
  }

  putFunnel(site: string, name: string, steps: string[]): Promise<Outcome<Funnel | null>> {
    return this.change('PUT', `${sitePath(site)}/funnels/${encodeURIComponent(name)}`, { steps });
  }

  deleteFunnel(site: string, name: string): Promise<Outcome<null>> {
    return this.change('DELETE', `${sitePath(site)}/funnels/${encodeURIComponent(name)}`);
  }

  funnelSteps(q: RangeQuery, funnel: string, signal?: AbortSignal): Promise<FunnelStepsAnswer> {
    return this.get(`${sitePath(q.site)}/funnels/${encodeURIComponent(funnel)}/steps`, rangeParameters(q), signal);
  }

  pipeline(): Promise<PipelineSnapshot> {
    return this.get('api/pipeline');
  }
}
