// The windows the page holds, merged from REST answers and hub pushes, and their reduction to chart points.
import { allMetrics, type MetricInfo } from './metrics';
import type { MetricName, MetricWindow } from './types';

/** One chart point: the bucket's start (epoch ms), its value (null: no data), and whether it can still change. */
export interface Point {
  t: number;
  value: number | null;
  final: boolean;
}

export class WindowStore {
  private readonly byMetric = new Map<MetricName, Map<number, MetricWindow>>(allMetrics.map((m) => [m, new Map()]));

  clear(): void {
    for (const windows of this.byMetric.values()) windows.clear();
  }

  /**
   * Keeps the newest word on the window (metric, start). A final value replaces a provisional one and is
   * never replaced by a provisional one: a late push or an older REST answer must not undo finality.
   */
  merge(metric: MetricName, w: MetricWindow): boolean {
    const windows = this.byMetric.get(metric);
    if (!windows) return false;
    const held = windows.get(w.start);
    if (held && held.final && !w.final) return false;
    if (held && held.final === w.final && held.value === w.value && held.end === w.end) return false;
    windows.set(w.start, { start: w.start, end: w.end, value: w.value, final: w.final });
    return true;
  }

  /** Forgets windows that ended before `t`, so a live page does not grow without bound. */
  prune(t: number): void {
    for (const windows of this.byMetric.values()) {
      for (const [start, w] of windows) if (w.end <= t) windows.delete(start);
    }
  }

  /** The windows of a metric that start in [from, to), in no particular order. */
  *windows(metric: MetricName, from: number, to: number): Generator<MetricWindow> {
    for (const w of this.byMetric.get(metric)?.values() ?? []) if (w.start >= from && w.start < to) yield w;
  }

  window(metric: MetricName, start: number): MetricWindow | undefined {
    return this.byMetric.get(metric)?.get(start);
  }

  /** The window of a metric with the latest start in [from, to). */
  latest(metric: MetricName, from: number, to: number): MetricWindow | undefined {
    let best: MetricWindow | undefined;
    for (const w of this.windows(metric, from, to)) if (!best || w.start > best.start) best = w;
    return best;
  }

  /** The sum of a metric's values over [from, to), and whether every window in it is final. */
  total(metric: MetricName, from: number, to: number): { value: number; final: boolean; windows: number } {
    let value = 0;
    let final = true;
    let windows = 0;
    for (const w of this.windows(metric, from, to)) {
      value += w.value;
      final &&= w.final;
      windows++;
    }
    return { value, final, windows };
  }
}

interface Bucket {
  sum: number;
  weight: number;
  count: number;
  final: boolean;
}

/**
 * Reduces a metric's windows in [from, to) to one point per `bucketMs`, buckets aligned to the epoch like
 * the windows. Finality is the grid's word on each window, never worked out here from a watermark (the grid
 * knows `AllowedLateness`, the page does not): a bucket with windows is final when all of them are. A bucket
 * with none is final when a final window ends at or after it (the grid finalises windows in time order).
 */
export function bucketize(store: WindowStore, info: MetricInfo, from: number, to: number, bucketMs: number): Point[] {
  const first = Math.floor(from / bucketMs) * bucketMs;
  const buckets: Bucket[] = [];
  for (let t = first; t < to; t += bucketMs) buckets.push({ sum: 0, weight: 0, count: 0, final: true });

  let dataStart = Infinity;
  let dataEnd = -Infinity;
  let finalEnd = -Infinity;
  for (const w of store.windows(info.name, from, to)) {
    const b = buckets[Math.floor((w.start - first) / bucketMs)];
    // A session window whose `sessions` is not known yet weighs as one, so it still shows.
    const weight = info.combine === 'bySessions' ? store.window('sessions', w.start)?.value || 1 : 1;
    b.sum += w.value * weight;
    b.weight += weight;
    b.count++;
    b.final &&= w.final;
    dataStart = Math.min(dataStart, w.start);
    dataEnd = Math.max(dataEnd, w.end);
    if (w.final) finalEnd = Math.max(finalEnd, w.end);
  }

  return buckets.map((b, i) => {
    const t = first + i * bucketMs;
    const end = t + bucketMs;
    const final = b.count > 0 ? b.final : Math.min(end, to) <= finalEnd;
    if (info.combine === 'perStep') {
      // Between the first and the last window, a missing window is a quiet step (0). Outside them nothing is
      // known (older than the grid remembers, or not yet seen), so no point is drawn.
      if (end <= dataStart || t >= dataEnd) return { t, value: null, final };
      const covered = Math.min(end, dataEnd, to) - Math.max(t, dataStart, from);
      return { t, value: b.sum / Math.max(1, covered / info.stepMs), final };
    }
    return { t, value: b.count === 0 ? null : b.sum / b.weight, final };
  });
}

/**
 * Splits points into a solid "final" line and a dashed "provisional" one. The provisional line also takes the
 * final neighbours of its points, so the two lines join instead of leaving a gap where finality changes.
 */
export function splitByFinality(points: Point[]): { x: number[]; final: (number | null)[]; provisional: (number | null)[] } {
  const isProvisional = (i: number) => i >= 0 && i < points.length && points[i].value != null && !points[i].final;
  return {
    x: points.map((p) => p.t),
    final: points.map((p) => (p.final ? p.value : null)),
    provisional: points.map((p, i) => (isProvisional(i) || isProvisional(i - 1) || isProvisional(i + 1) ? p.value : null)),
  };
}
