// What the dashboard knows about each metric: its window step, how windows combine into a wider chart
// bucket, and how its values read.
import { formatMinutesSeconds, formatPercent, formatRate } from './format';
import type { MetricName } from './types';

/**
 * How windows of one metric combine into one chart bucket:
 * - `perStep`: counts whose missing windows mean 0 (a second with no page view has no window); the bucket
 *   shows the mean per window step, so "page views per second" stays per second at any zoom.
 * - `mean`: a plain mean of the windows present (conversion rate, whose sliding windows overlap).
 * - `bySessions`: a mean weighted by the `sessions` of each window, which is exact for per-session averages.
 */
export type Combine = 'perStep' | 'mean' | 'bySessions';

export interface MetricInfo {
  name: MetricName;
  stepMs: number;
  combine: Combine;
  format(value: number): string;
}

const second = 1000;
const minute = 60 * second;

export const metricInfo: Record<MetricName, MetricInfo> = {
  page_views: { name: 'page_views', stepMs: second, combine: 'perStep', format: formatRate },
  active_users: { name: 'active_users', stepMs: 5 * second, combine: 'perStep', format: formatRate },
  conversion_rate: { name: 'conversion_rate', stepMs: 5 * second, combine: 'mean', format: formatPercent },
  avg_session_duration: { name: 'avg_session_duration', stepMs: minute, combine: 'bySessions', format: formatMinutesSeconds },
  sessions: { name: 'sessions', stepMs: minute, combine: 'perStep', format: formatRate },
  bounce_rate: { name: 'bounce_rate', stepMs: minute, combine: 'bySessions', format: formatPercent },
};

export const allMetrics = Object.keys(metricInfo) as MetricName[];

/** The metrics drawn as charts, in page order (sessions only weighs the session averages). */
export const chartedMetrics: MetricName[] = ['page_views', 'active_users', 'conversion_rate', 'avg_session_duration', 'bounce_rate'];

// Bucket sizes that read well on a time axis; each is a multiple of every metric step it is used for.
const niceBuckets = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * second);

/** The chart bucket for a metric over a span: its own step, widened until the span fits in `maxPoints`. */
export function bucketFor(info: MetricInfo, spanMs: number, maxPoints: number): number {
  const wanted = Math.max(info.stepMs, spanMs / maxPoints);
  return niceBuckets.find((b) => b >= wanted && b % info.stepMs === 0) ?? niceBuckets[niceBuckets.length - 1];
}
