/**
 * Reading events newest first from an API that answers oldest first.
 *
 * `POST /api/events/filter` returns the oldest `limit` events of a time window
 * (`since` ≤ occurred < `until`). To show the newest page, this looks back from `until`
 * through growing windows until one holds at least a page of events; a window that
 * holds more than one answer can carry (the answer is cut) is narrowed by halving. The
 * chosen window's events are complete, so the newest page taken from it is exact, and
 * the next (older) page continues below its oldest event's time: every event with that
 * time is on this page, none is skipped or repeated. Usually one to three requests, at
 * most five when the look-back reaches the oldest events (or a few more to narrow).
 *
 * Pure apart from the injected `read` function, so it is tested with an in-memory one.
 *
 * @module
 */
import type { EventFilter, OrdoEvent } from "../../api/types.js";

/** Reads events as `POST /api/events/filter` does: oldest first, at most `limit`. */
export type ReadEvents = (filter: EventFilter) => Promise<OrdoEvent[]>;

/** One page, newest first. */
export interface EventPage {
  readonly events: readonly OrdoEvent[];
  /** Older events have `occurred` below this; absent when there are none. */
  readonly nextUntil?: number | undefined;
  /** The look-back that found this page: where the next page starts looking. */
  readonly windowMs: number;
}

/** Options of {@link readNewestEvents}. */
export interface NewestEventsOptions {
  /** The events to read (names, resource). */
  readonly filter: Pick<EventFilter, "events" | "resourceId">;
  /** Only events that occurred before this (absent: any time, looking back from `now`). */
  readonly until?: number | undefined;
  readonly now: number;
  /** Events per page (default 50). */
  readonly pageSize?: number;
  /** The largest answer asked of the API (default 500; must exceed `pageSize`). */
  readonly fetchLimit?: number;
  /** Start looking back with at least this window (the previous page's `windowMs`). */
  readonly startWindowMs?: number;
}

const MINUTE = 60_000;
/** The look-back windows tried in turn; the last is all time. */
export const LOOK_BACK_MS: readonly number[] = [
  5 * MINUTE,
  2 * 60 * MINUTE,
  2 * 24 * 60 * MINUTE,
  30 * 24 * 60 * MINUTE,
  Number.POSITIVE_INFINITY,
];
const MAX_HALVINGS = 16;

/** Newest first; same time: the later id first. */
export function newestFirst(a: OrdoEvent, b: OrdoEvent): number {
  return b.occurred - a.occurred || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/**
 * The newest page of events matching `filter` that occurred before `until`.
 *
 * @example
 * ```ts
 * const first = await readNewestEvents(read, { filter: { events: ["ordo.flow-run.*"] }, now: Date.now() });
 * const older = await readNewestEvents(read, { filter, now, until: first.nextUntil, startWindowMs: first.windowMs });
 * ```
 */
export async function readNewestEvents(read: ReadEvents, options: NewestEventsOptions): Promise<EventPage> {
  const pageSize = options.pageSize ?? 50;
  const fetchLimit = Math.max(pageSize + 1, options.fetchLimit ?? 500);
  const anchor = options.until ?? options.now;
  const ask = (windowMs: number) =>
    read({
      ...options.filter,
      ...(Number.isFinite(windowMs) ? { since: anchor - windowMs } : {}),
      ...(options.until !== undefined ? { until: options.until } : {}),
      limit: fetchLimit,
    });

  // Start at the largest look-back not above the hint (the previous page's window); one
  // resource (an exact id) has few events: look at all time at once.
  const oneResource = options.filter.resourceId !== undefined && !options.filter.resourceId.endsWith("*");
  const start = oneResource
    ? LOOK_BACK_MS.length - 1
    : Math.max(
        0,
        LOOK_BACK_MS.findLastIndex((w) => w <= (options.startWindowMs ?? 0)),
      );
  let lo = 0; // the largest window known to hold fewer than a page (and not cut)
  for (const windowMs of LOOK_BACK_MS.slice(start)) {
    const events = await ask(windowMs);
    if (events.length < fetchLimit) {
      if (events.length >= pageSize || !Number.isFinite(windowMs)) {
        return takePage(events, pageSize, windowMs, anchor);
      }
      lo = windowMs;
      continue;
    }
    // Cut: too many in this window. Halve between lo and a finite upper bound.
    const oldest = Math.min(...events.map((e) => e.occurred));
    let hi = Number.isFinite(windowMs) ? windowMs : Math.max(lo + 1, anchor - oldest + 1);
    let best: { events: OrdoEvent[]; windowMs: number } | undefined;
    for (let i = 0; i < MAX_HALVINGS && hi - lo > 1; i++) {
      const mid = Math.floor((lo + hi) / 2);
      const found = await ask(mid);
      if (found.length >= fetchLimit) hi = mid;
      else if (found.length >= pageSize) return takePage(found, pageSize, mid, anchor);
      else {
        lo = mid;
        best = { events: found, windowMs: mid };
      }
    }
    // Events too dense to separate by time (many in one millisecond): the best we have.
    return best === undefined
      ? takePage(events, pageSize, windowMs, anchor, true)
      : takePage(best.events, pageSize, best.windowMs, anchor);
  }
  return { events: [], windowMs: lo };
}

/**
 * The newest `pageSize` of a window's events (all of those sharing the last one's time),
 * and where the next page continues.
 */
function takePage(
  events: readonly OrdoEvent[],
  pageSize: number,
  windowMs: number,
  anchor: number,
  cut = false,
): EventPage {
  const sorted = [...events].sort(newestFirst);
  let end = Math.min(pageSize, sorted.length);
  const last = sorted[end - 1];
  if (last !== undefined) while (end < sorted.length && sorted[end]?.occurred === last.occurred) end += 1;
  const page = sorted.slice(0, end);
  let nextUntil: number | undefined;
  if (end < sorted.length || cut) nextUntil = page.at(-1)?.occurred;
  else if (Number.isFinite(windowMs)) nextUntil = anchor - windowMs;
  return { events: page, nextUntil, windowMs };
}
