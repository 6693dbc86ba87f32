/**
 * Offset pages for the lists whose API pages by `limit`/`offset` (variables, artifacts):
 * ask for one row more than shown to know whether a next page exists, without counting.
 *
 * @module
 */

/** One page of rows and whether more follow. */
export interface OffsetPage<T> {
  readonly items: readonly T[];
  readonly hasMore: boolean;
}

/** Cuts an answer of up to `pageSize + 1` rows to the page shown. */
export function offsetPage<T>(rows: readonly T[], pageSize: number): OffsetPage<T> {
  return { items: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}

/** Reads `?<name>=` as a page offset: a whole number ≥ 0, else 0. */
export function readOffset(params: URLSearchParams, name = "offset"): number {
  const offset = Number(params.get(name) ?? "0");
  return Number.isInteger(offset) && offset > 0 ? offset : 0;
}
