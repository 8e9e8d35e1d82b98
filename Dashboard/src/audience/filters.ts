// The filters on screen: `dimension=value` pairs that narrow every breakdown and the visitors card. Their text is
// the API's `filters=` parameter (METRICS.md §5), and the page's address carries the same text, so a shared link
// shows the same view.

export interface Filter {
  dimension: string;
  value: string;
}

// Inside a dimension or a value, the characters that separate pairs and their halves, and the escape character
// itself, are percent-encoded once more; the whole text is percent-encoded again as a URL parameter.
const escapes: Record<string, string> = { '%': '%25', ';': '%3B', '=': '%3D' };
const unescapes: Record<string, string> = { '%25': '%', '%3B': ';', '%3D': '=' };
const escape = (part: string) => part.replace(/[%;=]/g, (c) => escapes[c]);
const unescape = (part: string) => part.replace(/%(25|3B|3D)/gi, (code) => unescapes[code.toUpperCase()]);

export function filtersText(filters: readonly Filter[]): string {
  return filters.map((f) => `${escape(f.dimension)}=${escape(f.value)}`).join(';');
}

/** The filters of a `filters=` text. A pair without a dimension is left out, and so is a second one on a dimension. */
export function parseFilters(text: string | null): Filter[] {
  const filters: Filter[] = [];
  for (const pair of (text ?? '').split(';')) {
    const at = pair.indexOf('=');
    const dimension = unescape(pair.slice(0, at));
    if (at <= 0 || filters.some((f) => f.dimension === dimension)) continue;
    filters.push({ dimension, value: unescape(pair.slice(at + 1)) });
  }
  return filters;
}

/** The filters with one more. It replaces one on the same dimension: a click on another row moves the filter there. */
export function withFilter(filters: readonly Filter[], filter: Filter): Filter[] {
  const at = filters.findIndex((f) => f.dimension === filter.dimension);
  return at < 0 ? [...filters, filter] : filters.map((f, i) => (i === at ? filter : f));
}

export function withoutFilter(filters: readonly Filter[], dimension: string): Filter[] {
  return filters.filter((f) => f.dimension !== dimension);
}

/** The query parameter for an API call: none when no filter is set. */
export function filtersQuery(filters: readonly Filter[]): { filters?: string } {
  return filters.length === 0 ? {} : { filters: filtersText(filters) };
}
