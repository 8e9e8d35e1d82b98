// The form that adds a goal: a name, then a page pattern or an event name with one optional prop pair. The grid checks
// every field; its messages show next to the fields they name.
import { fieldError, formError, labelled, showProblem } from '../forms';
import type { Outcome } from '../api';
import type { Goal } from '../types';
import { definitionOf, type GoalFields } from './definition';

function input(testId: string, placeholder: string): HTMLInputElement {
  const el = document.createElement('input');
  el.type = 'text';
  el.dataset.testid = testId;
  el.placeholder = placeholder;
  el.autocomplete = 'off';
  return el;
}

export class GoalForm {
  readonly element = document.createElement('form');
  private readonly name = input('goal-name', 'pricing');
  private readonly kind = document.createElement('select');
  private readonly page = input('goal-page', '/pricing*');
  private readonly event = input('goal-event', 'signup');
  private readonly propKey = input('goal-prop-key', 'plan (optional)');
  private readonly propValue = input('goal-prop-value', 'pro');

  /** @param save sends the goal; the form clears once it is stored, and shows the refusal otherwise. */
  constructor(save: (name: string, definition: Omit<Goal, 'name'>) => Promise<Outcome<unknown> | undefined>) {
    this.element.className = 'inline-form';
    this.element.dataset.testid = 'goal-form';
    this.element.setAttribute('aria-label', 'Add a goal');
    this.name.required = true;
    this.kind.dataset.testid = 'goal-kind';
    this.kind.append(new Option('page visited', 'page'), new Option('custom event', 'event'));
    const pageFields = labelled('Page pattern', this.page, fieldError('page'));
    const eventFields = [labelled('Event name', this.event, fieldError('event')), labelled('Prop', this.propKey, fieldError('props')), labelled('equals', this.propValue)];
    const showKind = () => {
      pageFields.hidden = this.kind.value !== 'page';
      for (const f of eventFields) f.hidden = this.kind.value !== 'event';
    };
    this.kind.addEventListener('change', showKind);
    showKind();
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.dataset.testid = 'goal-submit';
    submit.textContent = 'Add goal';
    this.element.append(labelled('Name', this.name, fieldError('name')), labelled('Goal', this.kind), pageFields, ...eventFields, submit, formError());
    this.element.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        const outcome = await save(this.name.value, definitionOf(this.fields()));
        showProblem(this.element, outcome?.problem ?? null);
        if (outcome && !outcome.problem) {
          this.element.reset();
          showKind();
        }
      } finally {
        submit.disabled = false;
      }
    });
  }

  private fields(): GoalFields {
    return { kind: this.kind.value as GoalFields['kind'], page: this.page.value, event: this.event.value, propKey: this.propKey.value, propValue: this.propValue.value };
  }
}
