/**
 * The Concurrency page's paging and refresh: each section pages by its own offset in
 * the URL (`?tagOffset=`, `?globalOffset=`), and slots in use refresh on a timer.
 *
 * @module
 */

/** Limits per page of each section. */
export const LIMITS_PAGE_SIZE = 100;

/** Slots come and go without events: the lists refresh this often while visible. */
export const LIMITS_REFRESH_MS = 5_000;

/** `params` with `name` set to `offset` (left out at 0), the other sections' kept. */
export function withOffset(params: URLSearchParams, name: string, offset: number): URLSearchParams {
  const next = new URLSearchParams(params);
  if (offset > 0) next.set(name, String(offset));
  else next.delete(name);
  return next;
}
