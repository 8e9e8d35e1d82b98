// A funnel's steps as bars: each as long as its share of the first step's visitors, with its visitors (and their change
// when comparing), its conversion from the step before and from the first, and how many dropped off before it.
import { changeElement, showChange } from '../compare/change-badge';
import { formatCount, formatPercent } from '../format';
import type { FunnelStep } from '../types';

function value(testId: string, v: number, text: string): HTMLElement {
  const el = document.createElement('span');
  el.dataset.testid = testId;
  el.dataset.value = String(v);
  el.textContent = text;
  return el;
}

function stepOf(step: FunnelStep, index: number, previous: FunnelStep | undefined): HTMLElement {
  const item = document.createElement('li');
  item.className = 'funnel-step';
  item.dataset.testid = 'funnel-step';
  item.dataset.goal = step.goal;
  const head = document.createElement('div');
  head.className = 'funnel-step-head';
  const name = document.createElement('span');
  name.className = 'funnel-step-goal';
  name.textContent = `${index + 1}. ${step.goal}`;
  const visitors = value('funnel-step-visitors', step.visitors, `${formatCount(step.visitors)} visitor${step.visitors === 1 ? '' : 's'}`);
  const change = changeElement('funnel-step-change');
  showChange(change, step.visitors, previous?.visitors);
  head.append(name, visitors, change);
  const track = document.createElement('div');
  track.className = 'funnel-track';
  const bar = document.createElement('span');
  bar.className = 'bar';
  bar.dataset.testid = 'funnel-step-bar';
  bar.style.width = `${100 * step.fromFirst}%`;
  track.append(bar);
  const rates = document.createElement('div');
  rates.className = 'muted funnel-rates';
  rates.append(
    value('funnel-step-from-previous', step.fromPrevious, `${formatPercent(step.fromPrevious)} of the step before`),
    value('funnel-step-from-first', step.fromFirst, `${formatPercent(step.fromFirst)} of the first`),
    value('funnel-step-drop-off', step.dropOff, `${formatCount(step.dropOff)} dropped off`),
  );
  item.append(head, track, rates);
  return item;
}

export class FunnelBars {
  readonly element = document.createElement('ol');
  private shown = '';

  constructor() {
    this.element.className = 'funnel-bars';
    this.element.dataset.testid = 'funnel-steps';
  }

  /** Shows steps answered for `funnel` (null: loading; `message` instead, as when there is no funnel yet). */
  show(funnel: string, steps: FunnelStep[] | null, previous?: FunnelStep[], message = ''): void {
    const key = JSON.stringify([funnel, steps, previous, message]);
    if (key === this.shown) return;
    this.shown = key;
    this.element.dataset.funnel = funnel;
    this.element.dataset.loaded = String(steps !== null);
    if (steps && !message) {
      this.element.replaceChildren(...steps.map((s, i) => stepOf(s, i, previous?.[i])));
      return;
    }
    const item = document.createElement('li');
    item.className = 'muted';
    item.textContent = message || 'Loading…';
    this.element.replaceChildren(item);
  }
}
