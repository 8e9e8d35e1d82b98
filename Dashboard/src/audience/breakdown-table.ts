// One breakdown as a table: a row per value, most visitors first, with a bar as long as its share of the top
// row's visitors. Values come from visitors' URLs and user agents, so they only ever go in as text.
import { changeElement, showChange, showUnknownChange } from '../compare/change-badge';
import { previousVisitors, type PreviousRows } from '../compare/previous-row';
import { formatCount, formatMinutesSeconds, formatPercent } from '../format';
import type { BreakdownRow } from '../types';
import type { Filter } from './filters';
import { dimensionLabel } from './labels';

function rowOf(dimension: string, r: BreakdownRow, top: number, previous: PreviousRows | undefined): HTMLTableRowElement {
  const row = document.createElement('tr');
  row.dataset.testid = 'breakdown-row';
  row.dataset.value = r.value;
  row.title = `${formatCount(r.pageviews)} page views · bounce rate ${formatPercent(r.bounceRate)} · visit ${formatMinutesSeconds(r.visitDuration)}`;
  const cell = row.insertCell();
  cell.className = 'bar-cell';
  const bar = document.createElement('span');
  bar.className = 'bar';
  bar.dataset.testid = 'breakdown-bar';
  bar.style.width = `${top > 0 ? (100 * r.visitors) / top : 0}%`;
  // A button, so that a keyboard can filter too; its click reaches the row's listener.
  const value = document.createElement('button');
  value.type = 'button';
  value.className = 'row-filter';
  value.dataset.testid = 'breakdown-value';
  value.textContent = r.value;
  value.setAttribute('aria-label', `Filter by ${dimensionLabel(dimension)} ${r.value}`);
  cell.append(bar, value);
  const visitors = row.insertCell();
  visitors.className = 'num';
  visitors.dataset.testid = 'breakdown-visitors';
  visitors.dataset.value = String(r.visitors);
  visitors.textContent = formatCount(r.visitors);
  if (previous) {
    const cell = row.insertCell();
    cell.className = 'num change-col';
    const change = cell.appendChild(changeElement('breakdown-change'));
    const before = previousVisitors(previous, r.value);
    if (before === null) showUnknownChange(change, `not among the previous period's top ${previous.limit}`);
    else showChange(change, r.visitors, before);
  }
  return row;
}

function messageRow(text: string): HTMLTableRowElement {
  const row = document.createElement('tr');
  const cell = row.insertCell();
  cell.colSpan = 3;
  cell.className = 'muted';
  cell.textContent = text;
  return row;
}

export class BreakdownTable {
  readonly element = document.createElement('table');
  private readonly heading = document.createElement('th');
  private readonly changeHeading = document.createElement('th');
  private readonly body = document.createElement('tbody');
  /** What is on screen: a refresh that brings the same rows leaves the table alone. */
  private shown = '';

  constructor(pick: (filter: Filter) => void) {
    this.element.className = 'pages breakdown';
    this.element.dataset.testid = 'breakdown';
    this.heading.scope = 'col';
    const visitors = document.createElement('th');
    visitors.scope = 'col';
    visitors.className = 'num';
    visitors.textContent = 'Visitors';
    this.changeHeading.scope = 'col';
    this.changeHeading.className = 'num change-col';
    this.changeHeading.textContent = 'Change';
    this.element.createTHead().insertRow().append(this.heading, visitors, this.changeHeading);
    this.element.append(this.body);
    this.body.addEventListener('click', (event) => {
      const row = (event.target as Element).closest('tr');
      const dimension = this.element.dataset.dimension;
      if (row?.dataset.value !== undefined && dimension) pick({ dimension, value: row.dataset.value });
    });
  }

  /**
   * Shows a dimension's rows (null: still loading) as answered for the filters of `filters` (their text), and each row's
   * change when the previous period's rows came too.
   */
  show(dimension: string, rows: BreakdownRow[] | null, filters: string, previous?: PreviousRows): void {
    const key = JSON.stringify([dimension, rows, filters, previous]);
    if (key === this.shown) return;
    this.shown = key;
    this.element.dataset.dimension = dimension;
    this.element.dataset.filters = filters;
    this.element.dataset.loaded = String(rows !== null);
    this.element.dataset.compare = String(previous !== undefined);
    this.changeHeading.hidden = previous === undefined;
    this.heading.textContent = dimensionLabel(dimension);
    const top = Math.max(0, ...(rows ?? []).map((r) => r.visitors));
    const shown = (rows ?? []).map((r) => rowOf(dimension, r, top, previous));
    if (shown.length === 0) shown.push(messageRow(rows === null ? 'Loading…' : filters ? 'No visitors match the filters.' : 'No visitors in this range.'));
    this.body.replaceChildren(...shown);
  }
}
