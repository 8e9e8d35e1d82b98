// The grid's refusals (RFC 7807 problem details): a 400 names each bad field under `errors`, a 409 says why in `detail`.
// The page shows the grid's own words next to the field they name; it checks no rule itself.

export interface Problem {
  status: number;
  title: string;
  detail: string;
  /** Messages by form field (see fieldOf). */
  errors: Map<string, string[]>;
}

/** The form field an error key names: `Steps[1]` is `steps[1]`, `props.plan` is `props`. */
export function fieldOf(key: string): string {
  return key.replace(/\..*$/, '').toLowerCase();
}

function texts(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((m): m is string => typeof m === 'string');
}

/** Reads a problem body, whatever it holds: a body that is none still gives the status. */
export function readProblem(status: number, body: unknown): Problem {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors = new Map<string, string[]>();
  if (typeof b.errors === 'object' && b.errors !== null) {
    for (const [key, messages] of Object.entries(b.errors)) {
      const field = fieldOf(key);
      errors.set(field, [...(errors.get(field) ?? []), ...texts(messages)]);
    }
  }
  return {
    status,
    title: typeof b.title === 'string' ? b.title : `The grid answered ${status}`,
    detail: typeof b.detail === 'string' ? b.detail : '',
    errors,
  };
}
