// The goals card: the site's goals with their conversions for the range, filters and comparison on screen, read
// again with the other panels; a form to add one, and a delete button per goal. Goals belong to a site, so with all
// sites on screen it asks for one.
import type { Api } from '../api';
import type { Call, RangePart, RangeQuery } from '../range-query';
import type { Goal } from '../types';
import { GoalForm } from './goal-form';
import { GoalsTable, type GoalRow } from './goals-table';

export class GoalsPanel implements RangePart {
  readonly element = document.createElement('div');
  private readonly table: GoalsTable;
  private readonly form: GoalForm;
  private readonly message = document.createElement('p');
  /** Aborted when the view changes, so an answer for the previous one never shows. */
  private view = new AbortController();

  /** @param changed called when a goal was added or deleted (the funnel form lists the goals). */
  constructor(private readonly api: Api, private readonly call: Call, private readonly query: () => RangeQuery, private readonly changed: () => void) {
    this.element.className = 'card goals';
    this.element.dataset.testid = 'goals';
    const title = document.createElement('h2');
    title.className = 'card-title';
    title.textContent = 'Goals';
    this.table = new GoalsTable((name) => void this.remove(name));
    this.form = new GoalForm((name, definition) => this.save(name, definition));
    this.message.className = 'form-error';
    this.message.dataset.testid = 'goals-message';
    this.message.setAttribute('role', 'alert');
    this.message.hidden = true;
    this.element.append(title, this.table.element, this.message, this.form.element);
  }

  show(clear: boolean): void {
    this.view.abort();
    this.view = new AbortController();
    if (clear) this.table.show(null);
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const signal = this.view.signal;
    const q = this.query();
    this.form.element.hidden = q.site === '*';
    if (q.site === '*') return this.table.show([], 'Pick a site to see its goals.');
    const answer = await this.call((s) => this.api.goals(q.site, s), signal);
    if (!answer) return;
    const totals = await Promise.all(answer.goals.map((goal) => this.call((s) => this.api.conversions(q, goal.name, s), signal)));
    // A goal deleted meanwhile answers with an error the banner shows; the table waits for a whole set.
    if (totals.every((t) => t !== undefined)) this.table.show(answer.goals.map((goal, i): GoalRow => ({ goal, totals: totals[i]! })));
  }

  private async save(name: string, definition: Omit<Goal, 'name'>) {
    const outcome = await this.call(() => this.api.putGoal(this.query().site, name, definition));
    if (outcome && !outcome.problem) this.afterChange();
    return outcome;
  }

  private async remove(name: string): Promise<void> {
    const outcome = await this.call(() => this.api.deleteGoal(this.query().site, name));
    if (!outcome) return;
    // A 409 says why (a funnel uses the goal) in the grid's own words.
    this.message.hidden = !outcome.problem;
    this.message.textContent = outcome.problem ? outcome.problem.detail || outcome.problem.title : '';
    if (!outcome.problem) this.afterChange();
  }

  private afterChange(): void {
    this.message.hidden = true;
    this.changed();
    void this.refresh();
  }
}
