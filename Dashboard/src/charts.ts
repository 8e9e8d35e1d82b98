// Time-series charts on uPlot: canvas-drawn, ~50 KB, and made for streaming data redrawn several times a
// second, which suits a live dashboard better than an animation-oriented library.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { splitByFinality, type Point } from './series';

export interface LineSpec {
  label: string;
  /** A CSS custom property holding the colour, so the charts follow the page's light or dark theme. */
  colorVar: string;
  provisional?: boolean;
  /** Shade the area under the line (for a single series; overlapping fills would muddle several). */
  fill?: boolean;
}

const height = 190;
/** The y axis is never narrower than this, so charts with short labels still line up with each other. */
const minYAxisSize = 64;
/** Room left of the longest y label, so its first character is never drawn against the canvas edge. */
const yAxisMargin = 4;

const measure = document.createElement('canvas').getContext('2d');

/**
 * The y axis's width from the labels it is about to draw (uPlot asks again whenever they change): a fixed
 * width cut "1,000 ms" to ",000 ms" and "1,200,000" to ",200,000".
 */
function yAxisSize(u: uPlot, values: string[] | null, axisIdx: number): number {
  const axis = u.axes[axisIdx];
  // uPlot keeps the axis font as [CSS font scaled to device pixels, ...] once the chart is set up.
  const font = (axis.font as unknown as [string] | undefined)?.[0];
  let widest = 0;
  if (values && font && measure) {
    // A canvas of its own: uPlot caches the font it last set on its own context.
    measure.font = font;
    for (const v of values) widest = Math.max(widest, measure.measureText(v).width / uPlot.pxRatio);
  }
  const ticks = axis.ticks?.show === false ? 0 : axis.ticks?.size ?? 10;
  return Math.max(minYAxisSize, Math.ceil(yAxisMargin + widest + (axis.gap ?? 5) + ticks));
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function series(line: LineSpec, format: (v: number) => string): uPlot.Series {
  const color = cssVar(line.colorVar);
  const shown = (_u: uPlot, v: number | null) => (v == null ? '—' : format(v));
  return line.provisional
    ? { label: line.label, stroke: color, width: 2, dash: [5, 4], points: { show: true, size: 6, stroke: color, fill: cssVar('--surface') }, value: shown }
    : { label: line.label, stroke: color, width: 2, fill: line.fill ? `${color}22` : undefined, points: { show: false }, value: shown };
}

/** A chart of lines over time whose x range is set by the caller (the range picker), not by the data. */
export class TimeChart {
  private readonly plot: uPlot;
  private xRange: [number, number] = [0, 1];

  constructor(private readonly host: HTMLElement, lines: LineSpec[], format: (v: number) => string, yIncrs?: number[]) {
    const axis = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--grid'), width: 1 }, ticks: { stroke: cssVar('--grid'), width: 1 } };
    this.plot = new uPlot(
      {
        width: Math.max(200, host.clientWidth),
        height,
        ms: 1,
        scales: {
          x: { time: true, range: () => this.xRange },
          y: { range: (_u, _min, max) => [0, max != null && max > 0 ? max * 1.1 : 1] },
        },
        axes: [axis, { ...axis, size: yAxisSize, incrs: yIncrs, values: (_u, splits) => splits.map(format) }],
        series: [{ label: 'Time', value: (_u, v) => (v == null ? '—' : new Date(v).toLocaleTimeString()) }, ...lines.map((l) => series(l, format))],
        // Zooming by drag would fight the range picker and the live window; the picker is the one way in.
        cursor: { drag: { x: false, y: false } },
      },
      [[], ...lines.map(() => [])],
      host,
    );
    let width = host.clientWidth;
    new ResizeObserver(() => {
      if (host.clientWidth === width) return;
      width = host.clientWidth;
      this.plot.setSize({ width: Math.max(200, width), height });
    }).observe(host);
  }

  /** The drawing width in CSS pixels. */
  get width(): number {
    return this.host.clientWidth;
  }

  update(x: number[], ys: (number | null)[][], from: number, to: number): void {
    this.xRange = [from, to];
    this.plot.setData([x, ...ys]);
    // For checks: the series exactly as uPlot holds them to draw ([x, ...lines]), read back from the chart itself.
    this.host.dataset.plotted = JSON.stringify(this.plot.data);
  }
}

/** A metric chart: its final windows solid, its provisional ones dashed with dots. */
export class WindowChart {
  private readonly chart: TimeChart;

  constructor(host: HTMLElement, format: (v: number) => string, yIncrs?: number[]) {
    this.chart = new TimeChart(host, [
      { label: 'final', colorVar: '--series', fill: true },
      { label: 'provisional', colorVar: '--series-provisional', provisional: true },
    ], format, yIncrs);
  }

  get width(): number {
    return this.chart.width;
  }

  update(points: Point[], from: number, to: number): void {
    const { x, final, provisional } = splitByFinality(points);
    this.chart.update(x, [final, provisional], from, to);
  }
}
