// A goal's definition: how it reads in the table, and what the add form sends. The grid checks it (METRICS.md §5); the
// page only puts the fields where the API's shape has them.
import type { Goal } from '../types';

/** What the add form holds. */
export interface GoalFields {
  kind: 'page' | 'event';
  page: string;
  event: string;
  propKey: string;
  propValue: string;
}

/** The PUT body: a page pattern, or an event name with the one prop pair when a key is given. */
export function definitionOf(f: GoalFields): Omit<Goal, 'name'> {
  if (f.kind === 'page') return { page: f.page };
  return f.propKey === '' ? { event: f.event } : { event: f.event, props: { [f.propKey]: f.propValue } };
}

/** The goal as a person reads it: "page /pricing*", "event signup where plan = pro", "every conversion". */
export function describeGoal(goal: Goal): string {
  if (goal.page !== undefined) return `page ${goal.page}`;
  if (goal.event !== undefined) {
    const props = Object.entries(goal.props ?? {}).map(([k, v]) => `${k} = ${v}`);
    return `event ${goal.event}${props.length > 0 ? ` where ${props.join(', ')}` : ''}`;
  }
  return 'every conversion, with revenue';
}
