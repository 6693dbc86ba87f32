/**
 * Relative times ("5m ago") and absolute timestamps.
 *
 * @module
 */

const UNITS: readonly (readonly [string, number])[] = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1000],
];

/**
 * Formats a time relative to `now`: `just now`, `42s ago`, `5m ago`, `3h ago`, `2d ago`,
 * or `in 5m` for future times. `undefined` gives `-`.
 *
 * @example
 * ```ts
 * formatRelativeTime(Date.now() - 90_000, Date.now()); // "1m ago"
 * ```
 */
export function formatRelativeTime(time: number | undefined, now: number): string {
  if (time === undefined) return "-";
  const delta = now - time;
  const abs = Math.abs(delta);
  if (abs < 1000) return "just now";
  for (const [unit, size] of UNITS) {
    if (abs >= size) {
      const amount = `${Math.floor(abs / size)}${unit}`;
      return delta >= 0 ? `${amount} ago` : `in ${amount}`;
    }
  }
  return "just now";
}

/**
 * Formats ms since the epoch as an ISO 8601 UTC timestamp; `undefined` gives `undefined`.
 *
 * @example
 * ```ts
 * formatTimestamp(0); // "1970-01-01T00:00:00.000Z"
 * ```
 */
export function formatTimestamp(time: number): string;
export function formatTimestamp(time: number | undefined): string | undefined;
export function formatTimestamp(time: number | undefined): string | undefined {
  return time === undefined ? undefined : new Date(time).toISOString();
}
