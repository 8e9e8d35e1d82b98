// The filters on screen, above the cards: one chip per filter, each with a button that removes it. While any is
// set, everything that does not take filters (the metric charts and cards, top pages) shows an "unfiltered" badge.
import { byTestId } from '../views';
import type { Filter } from './filters';
import { dimensionLabel } from './labels';

function chipOf(filter: Filter, remove: (dimension: string) => void): HTMLElement {
  const chip = document.createElement('span');
  chip.className = 'filter';
  chip.dataset.testid = 'filter';
  chip.dataset.dimension = filter.dimension;
  chip.dataset.value = filter.value;
  const text = document.createElement('span');
  text.textContent = `${dimensionLabel(filter.dimension)} is ${filter.value}`;
  const button = document.createElement('button');
  button.type = 'button';
  button.dataset.testid = 'filter-remove';
  button.textContent = '×';
  button.setAttribute('aria-label', `Remove the filter ${dimensionLabel(filter.dimension)} is ${filter.value}`);
  button.addEventListener('click', () => remove(filter.dimension));
  chip.append(text, button);
  return chip;
}

export function showFilters(filters: readonly Filter[], remove: (dimension: string) => void): void {
  const bar = byTestId('filter-bar');
  bar.hidden = filters.length === 0;
  (bar.querySelector('.filter-list') as HTMLElement).replaceChildren(...filters.map((f) => chipOf(f, remove)));
  document.body.dataset.filtered = String(filters.length > 0);
}
