// A row's count in the previous period's answer to a top-N table, which lists only its own top rows.

export interface PreviousRows {
  rows: readonly { value: string; visitors: number }[];
  /** How many rows were asked for: a full answer may have left the value out for want of room. */
  limit: number;
}

/** The value's visitors in the previous period: 0 when the answer is complete without it, null when it is not known. */
export function previousVisitors(previous: PreviousRows, value: string): number | null {
  const row = previous.rows.find((r) => r.value === value);
  if (row) return row.visitors;
  return previous.rows.length < previous.limit ? 0 : null;
}
