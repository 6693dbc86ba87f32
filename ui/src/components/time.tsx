/**
 * Times and durations: relative with the absolute time on hover, and humanised durations.
 * One shared clock ticks for every relative time on the page (no timer per row).
 *
 * @module
 */
import { useSyncExternalStore } from "react";
import { formatAbsolute, formatDuration, formatRelative } from "../format/time.js";

type Listener = () => void;

/** A clock that ticks every `intervalMs` while someone listens. */
function makeClock(intervalMs: number) {
  const listeners = new Set<Listener>();
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    subscribe: (listener: Listener): (() => void) => {
      listeners.add(listener);
      if (timer === undefined) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          for (const l of listeners) l();
        }, intervalMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    read: (): number => now,
  };
}

const slowClock = makeClock(5_000);
const fastClock = makeClock(1_000);

/** The current time from a shared clock: every 5 s, or every second when `fast`. */
export function useNow(fast = false): number {
  const clock = fast ? fastClock : slowClock;
  return useSyncExternalStore(clock.subscribe, clock.read, clock.read);
}

/** "3 min. ago", with the absolute time as a tooltip; a dash when absent. */
export function RelativeTime({ at }: { readonly at: number | undefined }) {
  const now = useNow();
  if (at === undefined) return <span className="muted">—</span>;
  return (
    <time dateTime={new Date(at).toISOString()} title={formatAbsolute(at)}>
      {formatRelative(at, now)}
    </time>
  );
}

/** A humanised duration; while `end` is missing and `live` is set, it counts up. */
export function Duration({
  start,
  end,
  ms,
  live = false,
}: {
  readonly start?: number | undefined;
  readonly end?: number | undefined;
  readonly ms?: number | undefined;
  readonly live?: boolean;
}) {
  const now = useNow(live);
  if (ms !== undefined) return <span>{formatDuration(ms)}</span>;
  if (start === undefined) return <span className="muted">—</span>;
  const stop = end ?? (live ? Math.max(now, start) : undefined);
  if (stop === undefined) return <span className="muted">—</span>;
  return <span>{formatDuration(stop - start)}</span>;
}
