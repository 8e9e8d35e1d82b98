// "Compare with the previous period": the range routes then answer the range of equal length just before as well, under
// `previous` (METRICS.md §5). The address carries the same word as the API, `compare=previous_period`.

export const previousPeriod = 'previous_period';

/** The query parameter for a range route: none when not comparing. */
export function compareQuery(compare: boolean): { compare?: string } {
  return compare ? { compare: previousPeriod } : {};
}
