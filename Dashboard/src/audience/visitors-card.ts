// The visitors card: distinct visitors in the range, narrowed by the filters. The grid may count them with a
// sketch; then the number is an estimate, marked ≈, with its standard error on hover. When comparing, the change from
// the previous period shows under it.
import { showChange } from '../compare/change-badge';
import { formatCount, formatPercent } from '../format';
import type { VisitorsAnswer } from '../types';
import { byTestId, showValue } from '../views';

export function showVisitors(answer: VisitorsAnswer | null): void {
  const exact = answer?.exact ?? true;
  showValue('visitors', answer?.visitors ?? null, (v) => (exact ? formatCount(v) : `≈ ${formatCount(v)}`));
  const card = byTestId('visitors');
  card.dataset.exact = String(exact);
  card.title = answer === null || exact ? '' : `an estimate: standard error ${formatPercent(answer.relativeError)}`;
  showChange(byTestId('visitors-change'), answer?.visitors ?? 0, answer?.previous?.visitors);
}
