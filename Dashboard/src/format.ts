// Number formatting, in one place so the cards, the tables and the chart axes agree.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const exact = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export const dash = '—';

export function formatCount(v: number): string {
  return integer.format(v);
}

/** A per-second rate or a mean of counts: small values keep their decimals. */
export function formatRate(v: number): string {
  return v < 10 ? exact.format(v) : decimal.format(v);
}

/** A share in [0, 1] as a percentage. */
export function formatPercent(v: number): string {
  return `${decimal.format(v * 100)} %`;
}

/** Milliseconds as m:ss; minutes keep counting past 59 so the format never changes shape. */
export function formatMinutesSeconds(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

export function formatMs(ms: number): string {
  return `${ms < 100 ? exact.format(ms) : integer.format(ms)} ms`;
}

/** A lag in milliseconds, in seconds once it is large enough that ms digits are noise. */
export function formatLag(ms: number): string {
  return ms < 10_000 ? formatMs(ms) : `${decimal.format(ms / 1000)} s`;
}

/** An amount of money, in whatever currency the site sends its conversion values. */
export function formatAmount(v: number): string {
  return exact.format(v);
}
