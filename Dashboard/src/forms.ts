// What the forms share: a place for the grid's message next to each field, and the grid's refusal shown in them.
import type { Problem } from './problem';

/** The element that shows the grid's messages about one field; `field` as fieldOf names it. */
export function fieldError(field: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'field-error';
  el.dataset.testid = 'field-error';
  el.dataset.field = field;
  el.setAttribute('role', 'alert');
  el.hidden = true;
  return el;
}

/** A labelled control, with its field's error under it. */
export function labelled(text: string, control: HTMLElement, error?: HTMLElement): HTMLLabelElement {
  const label = document.createElement('label');
  label.className = 'control';
  const caption = document.createElement('span');
  caption.textContent = text;
  label.append(caption, control);
  if (error) label.append(error);
  return label;
}

/**
 * Shows a refusal in a form (null clears it): each field's messages next to the field; messages about fields the form
 * does not have, or the title and detail when there are none, in the form's own message (`form-error`).
 */
export function showProblem(form: HTMLElement, problem: Problem | null): void {
  const rest: string[] = [];
  const placed = new Set<string>();
  for (const el of form.querySelectorAll<HTMLElement>('[data-testid="field-error"]')) {
    const messages = problem?.errors.get(el.dataset.field ?? '') ?? [];
    el.hidden = messages.length === 0;
    el.textContent = messages.join(' ');
    if (messages.length > 0) placed.add(el.dataset.field ?? '');
  }
  for (const [field, messages] of problem?.errors ?? []) if (!placed.has(field)) rest.push(...messages);
  if (problem && problem.errors.size === 0) rest.push([problem.title, problem.detail].filter(Boolean).join(': '));
  const message = form.querySelector<HTMLElement>('[data-testid="form-error"]');
  if (!message) return;
  message.hidden = rest.length === 0;
  message.textContent = rest.join(' ');
}

/** The element for a form's own message. */
export function formError(): HTMLElement {
  const el = document.createElement('p');
  el.className = 'form-error';
  el.dataset.testid = 'form-error';
  el.setAttribute('role', 'alert');
  el.hidden = true;
  return el;
}
