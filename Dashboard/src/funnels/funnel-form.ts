// The form that creates a funnel: a name and up to 8 steps, each one of the site's goals. The grid checks them (2 to 8
// existing goals); its messages show next to the step they name, or under the steps for the whole list.
import type { Outcome } from '../api';
import { fieldError, formError, labelled, showProblem } from '../forms';

/** As many step pickers as the grid takes steps at most (METRICS.md §5); empty ones are left out. */
const stepPickers = 8;

export class FunnelForm {
  readonly element = document.createElement('form');
  private readonly name = document.createElement('input');
  private readonly steps: HTMLSelectElement[];

  /** @param save sends the funnel; the form clears once it is stored, and shows the refusal otherwise. */
  constructor(save: (name: string, steps: string[]) => Promise<Outcome<unknown> | undefined>) {
    this.element.className = 'inline-form funnel-form';
    this.element.dataset.testid = 'funnel-form';
    this.element.setAttribute('aria-label', 'Create a funnel');
    this.name.type = 'text';
    this.name.required = true;
    this.name.autocomplete = 'off';
    this.name.placeholder = 'checkout';
    this.name.dataset.testid = 'funnel-name';
    this.steps = Array.from({ length: stepPickers }, (_, i) => {
      const select = document.createElement('select');
      select.dataset.testid = 'funnel-step-goal';
      select.dataset.index = String(i);
      return select;
    });
    const submit = document.createElement('button');
    submit.type = 'submit';
    submit.dataset.testid = 'funnel-submit';
    submit.textContent = 'Create funnel';
    const stepsError = fieldError('steps');
    this.element.append(
      labelled('Name', this.name, fieldError('name')),
      ...this.steps.map((select, i) => labelled(`Step ${i + 1}`, select, fieldError(`steps[${i}]`))),
      submit,
      stepsError,
      formError(),
    );
    this.element.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      try {
        const outcome = await save(this.name.value, this.steps.map((s) => s.value).filter((v) => v !== ''));
        showProblem(this.element, outcome?.problem ?? null);
        if (outcome && !outcome.problem) this.element.reset();
      } finally {
        submit.disabled = false;
      }
    });
  }

  /** The goals each step can be; a step keeps its choice while that goal still exists. */
  setGoals(names: string[]): void {
    for (const select of this.steps) {
      const chosen = select.value;
      select.replaceChildren(new Option('—', ''), ...names.map((n) => new Option(n, n)));
      select.value = names.includes(chosen) ? chosen : '';
    }
  }
}
