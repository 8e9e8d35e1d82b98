// The change from the previous period to this one, as cards and tables show it: "+12 %", "−5 %", "0 %", or "new"
// when the previous period had none. The grid answers both periods; the page only compares them (METRICS.md §5).
import { formatCount } from '../format';

export interface Change {
  /** (current − previous) ÷ previous; null when the previous period had none and this one has some. */
  ratio: number | null;
  text: string;
}

export function changeOf(current: number, previous: number): Change {
  if (previous === 0) return current === 0 ? { ratio: 0, text: '0 %' } : { ratio: null, text: 'new' };
  const ratio = (current - previous) / previous;
  const percent = Math.round(ratio * 100);
  const sign = percent > 0 ? '+' : percent < 0 ? '−' : '';
  return { ratio, text: `${sign}${formatCount(Math.abs(percent))} %` };
}
