/**
 * The events feed: live events on top of the loaded pages, without repeats, and a cap on
 * how many live ones are kept. Pure.
 *
 * @module
 */
import type { OrdoEvent } from "../../api/types.js";

/** How many live events the page keeps above the loaded ones. */
export const LIVE_CAP = 200;

/** `live` with `event` added on top (ignored when already there), at most `cap` kept. */
export function prependLive(live: readonly OrdoEvent[], event: OrdoEvent, cap = LIVE_CAP): OrdoEvent[] {
  if (live.some((e) => e.id === event.id)) return [...live];
  return [event, ...live].slice(0, Math.max(0, cap));
}

/** Live events first, then the pages in order; each event once. */
export function mergeFeed(live: readonly OrdoEvent[], pages: readonly (readonly OrdoEvent[])[]): OrdoEvent[] {
  const seen = new Set<string>();
  const out: OrdoEvent[] = [];
  for (const list of [live, ...pages]) {
    for (const event of list) {
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      out.push(event);
    }
  }
  return out;
}
