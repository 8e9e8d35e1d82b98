// Goals and funnels for the dev server (METRICS.md §5): definitions kept per server, and conversions and funnel steps
// worked out from the fake audience's sessions (their page views, `signup` events and conversions), so a check can
// work out what the page must show from the request the page made. It refuses bad definitions the way the grid does
// (400 naming the field, 409 for the built-in goal or a goal a funnel uses); the messages are its own.
import { matches, sessions, visitors } from './fake-audience.mjs';

const slug = /^[a-z0-9][a-z0-9_-]{0,47}$/;
export const purchase = { name: 'purchase', builtIn: true };
const maxGoals = 20;

/** A page pattern as a test: anchored, case-sensitive, `*` any run of characters. */
const pagePattern = (pattern) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);

export function goalMatches(goal, event) {
  if (goal.builtIn) return event.type === 'conversion';
  if (goal.page !== undefined) return event.type === 'page_view' && pagePattern(goal.page).test(event.page);
  return event.type === 'custom' && event.name === goal.event && Object.entries(goal.props ?? {}).every(([k, v]) => event.props?.[k] === v);
}

export function conversions(site, goal, from, to, filters) {
  const reached = new Set();
  let count = 0;
  let revenue = 0;
  for (const s of sessions(site, from, to)) {
    if (!matches(s, filters)) continue;
    for (const e of s.events.filter((e) => goalMatches(goal, e))) {
      reached.add(s.visitor);
      count += 1;
      revenue += e.value ?? 0;
    }
  }
  const all = visitors(site, from, to, filters);
  return { from, to, visitors: reached.size, conversions: count, conversionRate: all === 0 ? 0 : reached.size / all, revenue, averageRevenue: count === 0 ? 0 : revenue / count };
}

/** Step k is reached within one session by an event of step k after one that reached step k − 1; one event, one step. */
export function funnelSteps(site, goals, from, to, filters) {
  const reached = goals.map(() => new Set());
  for (const s of sessions(site, from, to)) {
    if (!matches(s, filters)) continue;
    let level = 0;
    for (const e of s.events) if (level < goals.length && goalMatches(goals[level], e)) reached[level++].add(s.visitor);
  }
  return reached.map((set, i) => {
    const before = i === 0 ? set.size : reached[i - 1].size;
    const first = reached[0].size;
    return {
      goal: goals[i].name,
      visitors: set.size,
      fromPrevious: i === 0 ? 1 : before === 0 ? 0 : set.size / before,
      fromFirst: i === 0 ? 1 : first === 0 ? 0 : set.size / first,
      dropOff: i === 0 ? 0 : before - set.size,
    };
  });
}

const problem = (status, title, extra) => ({ status, body: { type: 'about:blank', title, status, ...extra } });
const invalid = (errors) => problem(400, 'One or more validation errors occurred.', { errors });

/** The definitions of every site, and the routes that read and change them. */
export class GoalBook {
  /** site → { goals: Map(name → goal), funnels: Map(name → funnel) }; shop.example.com starts with a few. */
  sites = new Map([
    ['shop.example.com', {
      goals: new Map([['pricing', { name: 'pricing', page: '/pricing*' }], ['signup', { name: 'signup', event: 'signup', props: { plan: 'pro' } }]]),
      funnels: new Map([['checkout', { name: 'checkout', steps: ['pricing', 'signup', 'purchase'] }]]),
    }],
  ]);

  of(site) {
    if (!this.sites.has(site)) this.sites.set(site, { goals: new Map(), funnels: new Map() });
    return this.sites.get(site);
  }

  goals(site) {
    return [purchase, ...this.of(site).goals.values()];
  }

  goal(site, name) {
    return this.goals(site).find((g) => g.name === name);
  }

  putGoal(site, name, body) {
    const errors = {};
    if (!slug.test(name)) errors.name = [`"${name}" is not a goal name: lower-case letters, digits, - and _, up to 48`];
    const kinds = ['page', 'event'].filter((k) => body?.[k] !== undefined);
    if (kinds.length !== 1) errors.page = ['give either a page pattern or an event name'];
    else if (kinds[0] === 'page' && !(typeof body.page === 'string' && body.page.startsWith('/'))) errors.page = ['a page pattern starts with /'];
    else if (kinds[0] === 'event' && !(typeof body.event === 'string' && body.event.length > 0 && body.event.length <= 64)) errors.event = ['an event name has 1 to 64 characters'];
    if (body?.props !== undefined && Object.entries(body.props).some(([k, v]) => k === '' || typeof v !== 'string')) errors['props'] = ['a prop needs a key and a text value'];
    if (Object.keys(errors).length > 0) return invalid(errors);
    if (name === purchase.name) return problem(409, 'Built-in goal', { detail: 'purchase is built in and cannot be changed' });
    const book = this.of(site);
    if (!book.goals.has(name) && book.goals.size >= maxGoals) return problem(409, 'Too many goals', { detail: `a site has at most ${maxGoals} goals` });
    const goal = kinds[0] === 'page' ? { name, page: body.page } : { name, event: body.event, ...(body.props ? { props: body.props } : {}) };
    const status = book.goals.has(name) ? 200 : 201;
    book.goals.set(name, goal);
    return { status, body: goal };
  }

  deleteGoal(site, name) {
    const book = this.of(site);
    const user = [...book.funnels.values()].find((f) => f.steps.includes(name));
    if (user) return problem(409, 'Goal in use', { detail: `the funnel "${user.name}" uses the goal "${name}"` });
    return book.goals.delete(name) ? { status: 204, body: null } : problem(404, 'No such goal');
  }

  putFunnel(site, name, body) {
    const errors = {};
    if (!slug.test(name)) errors.name = [`"${name}" is not a funnel name`];
    const steps = Array.isArray(body?.steps) ? body.steps : [];
    if (steps.length < 2 || steps.length > 8) errors.steps = ['a funnel has 2 to 8 steps'];
    steps.forEach((step, i) => {
      if (!this.goal(site, step)) errors[`steps[${i}]`] = [`no goal named "${step}"`];
    });
    if (Object.keys(errors).length > 0) return invalid(errors);
    const book = this.of(site);
    const status = book.funnels.has(name) ? 200 : 201;
    book.funnels.set(name, { name, steps });
    return { status, body: { name, steps } };
  }

  /**
   * Answers a goals or funnels route, or null when the path is none of them.
   * @param range `{ from, to, filters, compare }` as the server read them
   */
  answer(method, site, rest, body, range) {
    const previous = (f) => (range.compare ? { previous: f(range.from - (range.to - range.from), range.from) } : {});
    const book = this.of(site);
    let m;
    if (rest === 'goals' && method === 'GET') return { status: 200, body: { site, goals: this.goals(site) } };
    if (rest === 'funnels' && method === 'GET') return { status: 200, body: { site, funnels: [...book.funnels.values()] } };
    if ((m = rest.match(/^goals\/([^/]+)$/))) {
      const name = decodeURIComponent(m[1]);
      return method === 'PUT' ? this.putGoal(site, name, body) : method === 'DELETE' ? this.deleteGoal(site, name) : null;
    }
    if ((m = rest.match(/^funnels\/([^/]+)$/))) {
      const name = decodeURIComponent(m[1]);
      if (method === 'PUT') return this.putFunnel(site, name, body);
      if (method === 'DELETE') return book.funnels.delete(name) ? { status: 204, body: null } : problem(404, 'No such funnel');
      return null;
    }
    if ((m = rest.match(/^goals\/([^/]+)\/conversions$/))) {
      const goal = this.goal(site, decodeURIComponent(m[1]));
      if (!goal) return problem(404, 'No such goal');
      const totals = (from, to) => conversions(site, goal, from, to, range.filters);
      return { status: 200, body: { site, goal: goal.name, ...totals(range.from, range.to), ...previous(totals) } };
    }
    if ((m = rest.match(/^funnels\/([^/]+)\/steps$/))) {
      const funnel = book.funnels.get(decodeURIComponent(m[1]));
      if (!funnel) return problem(404, 'No such funnel');
      const steps = (from, to) => ({ from, to, steps: funnelSteps(site, funnel.steps.map((g) => this.goal(site, g)), from, to, range.filters) });
      return { status: 200, body: { site, funnel: funnel.name, ...steps(range.from, range.to), ...previous(steps) } };
    }
    return null;
  }
}
