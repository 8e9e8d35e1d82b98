// A change as it shows beside a number: its text, the ratio in data-value (empty for "new"), and whether it went up or
// down in data-direction, which colours it.
import { dash } from '../format';
import { changeOf } from './change';

/** Shows the change from `previous` to `current` in `el`; with no previous (not comparing), hides it. */
export function showChange(el: HTMLElement, current: number, previous: number | null | undefined): void {
  el.hidden = previous == null;
  if (previous == null) return;
  const change = changeOf(current, previous);
  el.textContent = change.text;
  el.dataset.value = change.ratio === null ? '' : String(change.ratio);
  el.dataset.direction = change.ratio === null || change.ratio > 0 ? 'up' : change.ratio < 0 ? 'down' : 'flat';
  el.title = `previous period: ${previous.toLocaleString()}`;
}

/** A change whose previous value is not known (a row beyond the previous period's top rows). */
export function showUnknownChange(el: HTMLElement, why: string): void {
  el.hidden = false;
  el.textContent = dash;
  el.dataset.value = '';
  el.dataset.direction = 'flat';
  el.title = why;
}

/** A new element for a change, with the given test id. */
export function changeElement(testId: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'change';
  el.dataset.testid = testId;
  el.hidden = true;
  return el;
}
