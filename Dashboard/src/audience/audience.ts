// The audience part of the page: the panels the grid lists (GET /api/dimensions) and the visitors card, all
// read for the site, range, filters and comparison on screen.
import type { Api } from '../api';
import type { Call, RangePart, RangeQuery } from '../range-query';
import type { DimensionsAnswer } from '../types';
import { byTestId } from '../views';
import { filtersText, type Filter } from './filters';
import { BreakdownPanel } from './panel';
import { showVisitors } from './visitors-card';

const rowsPerPanel = 10;

/** The panels to show: the countries panel only when the grid has a country database to fill it. */
function shownPanels(answer: DimensionsAnswer) {
  return answer.panels.filter((p) => p.dimensions.length > 0 && (answer.countries || p.name !== 'countries'));
}

export class Audience implements RangePart {
  private panels: BreakdownPanel[] | null = null;
  private loading: Promise<void> | null = null;
  /** Aborted when the site, range or filters change, so an answer for the previous ones never shows. */
  private view = new AbortController();

  /**
   * @param query what is on screen, read at each refresh (a live range moves with the clock)
   * @param pick called with the filter of a row that was clicked
   */
  constructor(private readonly api: Api, private readonly call: Call, private readonly query: () => RangeQuery, private readonly pick: (filter: Filter) => void) {}

  /**
   * Reads everything again for a new site, range or set of filters. `clear` shows "Loading…" until the answers
   * come (for another site or range); without it the rows stay until the new ones replace them.
   */
  show(clear: boolean): void {
    this.view.abort();
    this.view = new AbortController();
    if (clear) {
      showVisitors(null);
      for (const panel of this.panels ?? []) panel.clear();
    }
    void this.refresh();
  }

  /** Reads everything again for what is on screen: live ranges call it on the page's refresh beat. */
  async refresh(): Promise<void> {
    const signal = this.view.signal;
    void this.refreshVisitors(signal);
    if (!this.panels) await (this.loading ??= this.loadPanels());
    for (const panel of this.panels ?? []) void this.refreshPanel(panel, signal);
  }

  private async loadPanels(): Promise<void> {
    const answer = await this.call(() => this.api.dimensions());
    this.loading = null;
    if (!answer) return;
    this.panels = shownPanels(answer).map((info) => new BreakdownPanel(info, (panel) => void this.refreshPanel(panel, this.view.signal), this.pick));
    byTestId('audience').replaceChildren(...this.panels.map((p) => p.element));
  }

  private async refreshPanel(panel: BreakdownPanel, signal: AbortSignal): Promise<void> {
    const q = this.query();
    const [dimension, asked] = [panel.dimension, panel.ask()];
    const answer = await this.call((s) => this.api.breakdown(q, dimension, rowsPerPanel, s), signal);
    if (answer) panel.show(asked, answer, filtersText(q.filters), rowsPerPanel);
  }

  private async refreshVisitors(signal: AbortSignal): Promise<void> {
    const q = this.query();
    const answer = await this.call((s) => this.api.visitors(q, s), signal);
    if (answer) showVisitors(answer);
  }
}
