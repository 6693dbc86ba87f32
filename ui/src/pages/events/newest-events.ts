/**
 * Reading events newest first, a page at a time: one `POST /api/events/filter` with
 * `sort: "NEWEST"` per page, the next (older) page continuing below the last event's id
 * (`beforeId`, keyset paging: nothing is skipped or repeated while new events arrive).
 * One more event than a page is asked for, to know whether older ones exist.
 *
 * Pure apart from the injected `read` function, so it is tested with an in-memory one.
 *
 * @module
 */
import type { EventFilter, OrdoEvent } from "../../api/types.js";

/** Reads events as `POST /api/events/filter` does. */
export type ReadEvents = (filter: EventFilter) => Promise<OrdoEvent[]>;

/** One page, newest first. */
export interface EventPage {
  readonly events: readonly OrdoEvent[];
  /** The id older events are below (the next page's `beforeId`); absent when there are none. */
  readonly nextBeforeId?: string | undefined;
}

/** Options of {@link readNewestEvents}. */
export interface NewestEventsOptions {
  /** The events to read (names, resource). */
  readonly filter: Pick<EventFilter, "events" | "resourceId">;
  /** Only events recorded before this one (the previous page's `nextBeforeId`). */
  readonly beforeId?: string | undefined;
  /** Events per page (default 50). */
  readonly pageSize?: number;
}

/**
 * The newest page of events matching `filter` (below `beforeId` when given).
 *
 * @example
 * ```ts
 * const first = await readNewestEvents(read, { filter: { events: ["ordo.flow-run.*"] } });
 * const older = await readNewestEvents(read, { filter, beforeId: first.nextBeforeId });
 * ```
 */
export async function readNewestEvents(read: ReadEvents, options: NewestEventsOptions): Promise<EventPage> {
  const pageSize = options.pageSize ?? 50;
  const events = await read({
    ...options.filter,
    ...(options.beforeId !== undefined ? { beforeId: options.beforeId } : {}),
    sort: "NEWEST",
    limit: pageSize + 1,
  });
  const page = events.slice(0, pageSize);
  return { events: page, nextBeforeId: events.length > pageSize ? page.at(-1)?.id : undefined };
}
