// The goals as a table: per goal, its visitors (with the change when comparing), conversions, conversion rate and, for
// the built-in purchase, revenue. Names and definitions only ever go in as text.
import { changeElement, showChange } from '../compare/change-badge';
import { dash, formatAmount, formatCount, formatPercent } from '../format';
import type { ConversionsAnswer, Goal } from '../types';
import { describeGoal } from './definition';

export interface GoalRow {
  goal: Goal;
  totals: ConversionsAnswer;
}

function numberCell(row: HTMLTableRowElement, testId: string, value: number | null, format: (v: number) => string): HTMLTableCellElement {
  const cell = row.insertCell();
  cell.className = 'num';
  cell.dataset.testid = testId;
  cell.dataset.value = value === null ? '' : String(value);
  cell.textContent = value === null ? dash : format(value);
  return cell;
}

function rowOf({ goal, totals }: GoalRow, remove: (name: string) => void): HTMLTableRowElement {
  const row = document.createElement('tr');
  row.dataset.testid = 'goal-row';
  row.dataset.goal = goal.name;
  const name = row.insertCell();
  const title = document.createElement('span');
  title.dataset.testid = 'goal-title';
  title.textContent = goal.name;
  const definition = document.createElement('span');
  definition.className = 'muted goal-definition';
  definition.dataset.testid = 'goal-definition';
  definition.textContent = describeGoal(goal);
  name.append(title, definition);
  name.title = `${goal.name}: ${describeGoal(goal)}`;
  const visitors = numberCell(row, 'goal-visitors', totals.visitors, formatCount);
  visitors.append(changeElement('goal-visitors-change'));
  showChange(visitors.lastElementChild as HTMLElement, totals.visitors, totals.previous?.visitors);
  numberCell(row, 'goal-conversions', totals.conversions, formatCount);
  numberCell(row, 'goal-conversion-rate', totals.conversionRate, formatPercent);
  numberCell(row, 'goal-revenue', goal.builtIn ? totals.revenue : null, formatAmount);
  const actions = row.insertCell();
  actions.className = 'actions';
  if (!goal.builtIn) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'quiet';
    button.dataset.testid = 'goal-delete';
    button.textContent = 'Delete';
    button.setAttribute('aria-label', `Delete the goal ${goal.name}`);
    button.addEventListener('click', () => remove(goal.name));
    actions.append(button);
  }
  return row;
}

export class GoalsTable {
  readonly element = document.createElement('table');
  private readonly body = document.createElement('tbody');
  /** What is on screen: a refresh that brings the same numbers leaves the table alone. */
  private shown = '';

  constructor(private readonly remove: (name: string) => void) {
    this.element.className = 'pages goals-table';
    this.element.dataset.testid = 'goals-table';
    const head = this.element.createTHead().insertRow();
    for (const [text, num] of [['Goal', false], ['Visitors', true], ['Conversions', true], ['Rate', true], ['Revenue', true], ['', false]] as const) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      if (num) th.className = 'num';
      head.append(th);
    }
    this.element.append(this.body);
  }

  /** Shows the goals (null: still loading; `message` instead of rows, as when no site is picked). */
  show(rows: GoalRow[] | null, message = ''): void {
    const key = JSON.stringify([rows, message]);
    if (key === this.shown) return;
    this.shown = key;
    this.element.dataset.loaded = String(rows !== null);
    if (rows && rows.length > 0 && !message) {
      this.body.replaceChildren(...rows.map((r) => rowOf(r, this.remove)));
      return;
    }
    const row = document.createElement('tr');
    const cell = row.insertCell();
    cell.colSpan = 6;
    cell.className = 'muted';
    cell.textContent = message || (rows === null ? 'Loading…' : 'No goals yet.');
    this.body.replaceChildren(row);
  }
}
