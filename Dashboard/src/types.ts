// The shapes of the grid's REST answers and hub messages (shared/METRICS.md §5 and the hub contract).

export type MetricName =
  | 'page_views'
  | 'active_users'
  | 'conversion_rate'
  | 'avg_session_duration'
  | 'sessions'
  | 'bounce_rate';

/** One window of one metric; `start` and `end` are epoch ms, the window is [start, end). */
export interface MetricWindow {
  start: number;
  end: number;
  value: number;
  final: boolean;
}

export interface MetricAnswer {
  site: string;
  metric: MetricName;
  windows: MetricWindow[];
}

export interface PageViews {
  page: string;
  views: number;
}

export interface TopPagesAnswer {
  site: string;
  pages: PageViews[];
}

export interface SitesAnswer {
  sites: { site: string; events: number }[];
}

export interface PipelineSnapshot {
  at: number;
  eventsPerMinute: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  errorsPerMinute: number | null;
  errorRate: number | null;
  consumerLag: number | null;
  watermark: number | null;
  finalWatermark: number | null;
}

/** Hub message "windows": windows of any metric of one site, as they change. */
export interface WindowsPush {
  site: string;
  windows: (MetricWindow & { metric: MetricName })[];
}

/** Hub message "topPages": the current minute's most viewed pages of one site. */
export interface TopPagesPush {
  site: string;
  start: number;
  end: number;
  final: boolean;
  pages: PageViews[];
}

/** One row of a breakdown: a dimension's value and the audience behind it (METRICS.md §3b). */
export interface BreakdownRow {
  value: string;
  visitors: number;
  pageviews: number;
  bounceRate: number;
  /** Milliseconds. */
  visitDuration: number;
}

export interface BreakdownAnswer {
  site: string;
  dimension: string;
  rows: BreakdownRow[];
  /** With compare=previous_period: the same breakdown for the range of equal length just before. */
  previous?: { from: number; to: number; rows: BreakdownRow[] };
}

export interface VisitorCount {
  from: number;
  to: number;
  visitors: number;
  exact: boolean;
  relativeError: number;
}

export interface VisitorsAnswer extends VisitorCount {
  site: string;
  previous?: VisitorCount;
}

/** A goal: a page pattern, a custom event (with props to match), or the built-in `purchase`. */
export interface Goal {
  name: string;
  builtIn?: boolean;
  page?: string;
  event?: string;
  props?: Record<string, string>;
}

export interface GoalsAnswer {
  site: string;
  goals: Goal[];
}

/** A goal over a range. */
export interface GoalTotals {
  from: number;
  to: number;
  /** Distinct visitors who reached the goal. */
  visitors: number;
  /** Events that matched it. */
  conversions: number;
  /** visitors ÷ the range's visitors, 0..1. */
  conversionRate: number;
  revenue: number;
  averageRevenue: number;
}

export interface ConversionsAnswer extends GoalTotals {
  site: string;
  goal: string;
  previous?: GoalTotals;
}

export interface Funnel {
  name: string;
  steps: string[];
}

export interface FunnelsAnswer {
  site: string;
  funnels: Funnel[];
}

export interface FunnelStep {
  goal: string;
  visitors: number;
  /** 0..1; the first step's is 1. */
  fromPrevious: number;
  fromFirst: number;
  /** Visitors of the step before who did not reach this one; the first step's is 0. */
  dropOff: number;
}

export interface FunnelStepsAnswer {
  site: string;
  funnel: string;
  from: number;
  to: number;
  steps: FunnelStep[];
  previous?: { from: number; to: number; steps: FunnelStep[] };
}

/** A panel of the dashboard and the dimensions it shows as tabs, as the grid lists them. */
export interface PanelInfo {
  name: string;
  dimensions: string[];
}

/** GET /api/dimensions: the dimensions the grid breaks down by, grouped into panels. */
export interface DimensionsAnswer {
  dimensions: string[];
  panels: PanelInfo[];
  /** Whether a country database is configured, so that `country` has values. */
  countries: boolean;
}
