// The funnel card: a picker of the site's funnels, the chosen one's steps for the range, filters and comparison on
// screen (read again with the other panels), a button to delete it, and a form to create one from the site's goals.
import type { Api } from '../api';
import { showProblem } from '../forms';
import type { Call, RangePart, RangeQuery } from '../range-query';
import { FunnelBars } from './funnel-bars';
import { FunnelForm } from './funnel-form';

export class FunnelsPanel implements RangePart {
  readonly element = document.createElement('div');
  private readonly picker = document.createElement('select');
  private readonly remove = document.createElement('button');
  private readonly bars = new FunnelBars();
  private readonly form: FunnelForm;
  private view = new AbortController();

  constructor(private readonly api: Api, private readonly call: Call, private readonly query: () => RangeQuery) {
    this.element.className = 'card funnels';
    this.element.dataset.testid = 'funnels';
    const title = document.createElement('h2');
    title.className = 'card-title';
    title.textContent = 'Funnel';
    this.picker.dataset.testid = 'funnel-picker';
    this.picker.setAttribute('aria-label', 'Funnel');
    this.picker.addEventListener('change', () => this.show(true));
    this.remove.type = 'button';
    this.remove.className = 'quiet';
    this.remove.dataset.testid = 'funnel-delete';
    this.remove.textContent = 'Delete';
    this.remove.addEventListener('click', () => void this.deleteChosen());
    const head = document.createElement('div');
    head.className = 'panel-head';
    head.append(title, this.picker, this.remove);
    this.form = new FunnelForm((name, steps) => this.save(name, steps));
    this.element.append(head, this.bars.element, this.form.element);
  }

  show(clear: boolean): void {
    this.view.abort();
    this.view = new AbortController();
    if (clear) this.bars.show(this.picker.value, null);
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const signal = this.view.signal;
    const q = this.query();
    this.form.element.hidden = this.picker.hidden = this.remove.hidden = q.site === '*';
    if (q.site === '*') return this.bars.show('', [], undefined, 'Pick a site to see its funnels.');
    const [funnels, goals] = await Promise.all([this.call((s) => this.api.funnels(q.site, s), signal), this.call((s) => this.api.goals(q.site, s), signal)]);
    if (!funnels || !goals) return;
    this.form.setGoals(goals.goals.map((g) => g.name));
    this.pickFrom(funnels.funnels.map((f) => f.name));
    const funnel = this.picker.value;
    this.remove.hidden = funnel === '';
    if (funnel === '') return this.bars.show('', [], undefined, 'No funnels yet: create one from the goals below.');
    const answer = await this.call((s) => this.api.funnelSteps(q, funnel, s), signal);
    if (answer && answer.funnel === this.picker.value) this.bars.show(funnel, answer.steps, answer.previous?.steps);
  }

  /** The picker's funnels; the chosen one stays chosen while it exists. */
  private pickFrom(names: string[], choose = this.picker.value): void {
    this.picker.replaceChildren(...names.map((n) => new Option(n, n)));
    this.picker.value = names.includes(choose) ? choose : (names[0] ?? '');
    this.picker.hidden = names.length === 0;
  }

  private async save(name: string, steps: string[]) {
    const outcome = await this.call(() => this.api.putFunnel(this.query().site, name, steps));
    if (outcome && !outcome.problem) {
      // The new funnel is the one to see.
      this.pickFrom([...new Set([...[...this.picker.options].map((o) => o.value), name])], name);
      this.show(true);
    }
    return outcome;
  }

  private async deleteChosen(): Promise<void> {
    const outcome = await this.call(() => this.api.deleteFunnel(this.query().site, this.picker.value));
    showProblem(this.form.element, outcome?.problem ?? null);
    if (outcome && !outcome.problem) this.show(true);
  }
}
