/**
 * The events page's filters in the URL: `?event=ordo.flow-run.*&resource=ordo.flow-run.abc`.
 * `event` holds one or more names separated by commas; a name ending in `*` matches by
 * prefix, as the API does. Pure: read, written and matched here, tested in Node.
 *
 * @module
 */
import type { EventFilter, OrdoEvent } from "../../api/types.js";

/** The filters as typed. */
export interface EventFilterState {
  /** Event names, comma-separated (`ordo.flow-run.*, shop.order.paid`). */
  readonly event?: string | undefined;
  /** The resource id (`ordo.flow-run.<id>`), `*` at the end for a prefix. */
  readonly resource?: string | undefined;
}

function clean(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? undefined : trimmed;
}

/** The filters in `params` (blank values are no filter). */
export function readEventFilter(params: URLSearchParams): EventFilterState {
  return { event: clean(params.get("event")), resource: clean(params.get("resource")) };
}

/** `params` with the filters set (blank ones removed), other parameters kept. */
export function writeEventFilter(params: URLSearchParams, state: EventFilterState): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ["event", "resource"] as const) {
    const value = clean(state[key]);
    if (value === undefined) next.delete(key);
    else next.set(key, value);
  }
  return next;
}

/** The event names of the `event` filter: split on commas, blanks dropped, at most 50. */
export function eventNames(state: EventFilterState): string[] {
  return (state.event ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name !== "")
    .slice(0, 50);
}

/** The API's filter (`POST /api/events/filter`) for these filters, without paging. */
export function toApiFilter(state: EventFilterState): Pick<EventFilter, "events" | "resourceId"> {
  const names = eventNames(state);
  const resource = clean(state.resource);
  return {
    ...(names.length > 0 ? { events: names } : {}),
    ...(resource !== undefined ? { resourceId: resource } : {}),
  };
}

function matches(pattern: string, value: string): boolean {
  return pattern.endsWith("*") ? value.startsWith(pattern.slice(0, -1)) : value === pattern;
}

/** True when `event` passes the filters, as the API would decide (for live events). */
export function matchesEventFilter(
  event: Pick<OrdoEvent, "event" | "resource">,
  state: EventFilterState,
): boolean {
  const names = eventNames(state);
  if (names.length > 0 && !names.some((name) => matches(name, event.event))) return false;
  const resource = clean(state.resource);
  if (resource !== undefined && !matches(resource, event.resource["ordo.resource.id"] ?? "")) return false;
  return true;
}
