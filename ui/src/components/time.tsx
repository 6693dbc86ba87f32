/**
 * Times and durations: relative with the absolute time on hover, and humanised durations.
 *
 * @module
 */
import { useEffect, useState } from "react";
import { formatAbsolute, formatDuration, formatRelative } from "../format/time.js";

/** The current time, refreshed every `intervalMs` so relative times stay true. */
export function useNow(intervalMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
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
  const now = useNow(live ? 1000 : 60_000);
  if (ms !== undefined) return <span>{formatDuration(ms)}</span>;
  if (start === undefined) return <span className="muted">—</span>;
  const stop = end ?? (live ? now : undefined);
  if (stop === undefined) return <span className="muted">—</span>;
  return <span>{formatDuration(stop - start)}</span>;
}
