// One panel of the audience (sources, pages, devices, countries): a card with a tab per dimension the grid lists
// for it, and the chosen dimension's table.
import type { BreakdownAnswer, PanelInfo } from '../types';
import { BreakdownTable } from './breakdown-table';
import type { Filter } from './filters';
import { dimensionLabel, panelLabel } from './labels';

export class BreakdownPanel {
  readonly element = document.createElement('div');
  private readonly table: BreakdownTable;
  private readonly tabs: HTMLButtonElement[];
  private chosen: string;
  /** Counts queries, so that an answer overtaken by a later one (say, for the tab chosen since) is dropped. */
  private asked = 0;

  /** @param chose called when a tab is chosen: the panel then needs its rows. */
  constructor(info: PanelInfo, chose: (panel: BreakdownPanel) => void, pick: (filter: Filter) => void) {
    this.chosen = info.dimensions[0];
    this.table = new BreakdownTable(pick);
    this.element.className = 'card panel';
    this.element.dataset.testid = `panel-${info.name}`;
    const title = document.createElement('h2');
    title.className = 'card-title';
    title.textContent = panelLabel(info.name);
    const tabList = document.createElement('div');
    tabList.className = 'tabs';
    tabList.setAttribute('role', 'tablist');
    tabList.hidden = info.dimensions.length < 2;
    this.tabs = info.dimensions.map((dimension) => {
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.dataset.testid = 'panel-tab';
      tab.dataset.dimension = dimension;
      tab.textContent = dimensionLabel(dimension);
      tab.addEventListener('click', () => {
        if (dimension === this.chosen) return;
        this.chosen = dimension;
        this.clear();
        chose(this);
      });
      return tab;
    });
    tabList.append(...this.tabs);
    const head = document.createElement('div');
    head.className = 'panel-head';
    head.append(title, tabList);
    this.element.append(head, this.table.element);
    this.clear();
  }

  get dimension(): string {
    return this.chosen;
  }

  /** Starts a query for the chosen dimension; its answer goes to show() with the number this returns. */
  ask(): number {
    return ++this.asked;
  }

  /** Shows an answer for `filters` (their text) asked with `limit` rows per period. */
  show(asked: number, answer: BreakdownAnswer, filters: string, limit: number): void {
    if (asked === this.asked) this.table.show(this.chosen, answer.rows, filters, answer.previous && { rows: answer.previous.rows, limit });
  }

  /** Shows "Loading…" for the chosen dimension, and drops the answers still on their way. */
  clear(): void {
    this.asked++;
    for (const tab of this.tabs) tab.setAttribute('aria-selected', String(tab.dataset.dimension === this.chosen));
    this.table.show(this.chosen, null, '');
  }
}
