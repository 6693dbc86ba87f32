/**
 * The dashboard's time ranges (`?range=24h`): each range's window and bucket size.
 * Windows end at the next bucket boundary after now, so the window (and the queries
 * keyed on it) stay the same until a new bucket begins.
 *
 * @module
 */

/** The ranges the dashboard offers. */
export const RANGE_KEYS = ["1h", "24h", "7d", "30d"] as const;
/** One of {@link RANGE_KEYS}. */
export type RangeKey = (typeof RANGE_KEYS)[number];

/** The range shown when the URL names none (or an unknown one). */
export const DEFAULT_RANGE: RangeKey = "24h";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MINUTE_MS = MINUTE * 1000;

/** A range's length, bucket size and label. */
export const RANGES: Readonly<Record<RangeKey, { label: string; seconds: number; intervalSeconds: number }>> =
  {
    "1h": { label: "Last hour", seconds: HOUR, intervalSeconds: 2 * MINUTE },
    "24h": { label: "Last 24 hours", seconds: DAY, intervalSeconds: 30 * MINUTE },
    "7d": { label: "Last 7 days", seconds: 7 * DAY, intervalSeconds: 6 * HOUR },
    "30d": { label: "Last 30 days", seconds: 30 * DAY, intervalSeconds: DAY },
  };

/**
 * A window of time (ms since the epoch, `from` inclusive, `to` exclusive) and its bucket
 * size. `until` is the end of the minute of now: runs expected later (upcoming scheduled
 * runs) are not counted in the range.
 */
export interface RangeWindow {
  readonly from: number;
  readonly to: number;
  readonly intervalSeconds: number;
  readonly until: number;
}

/** The range a URL value names; unknown or missing values give {@link DEFAULT_RANGE}. */
export function parseRange(value: string | null | undefined): RangeKey {
  return (RANGE_KEYS as readonly string[]).includes(value ?? "") ? (value as RangeKey) : DEFAULT_RANGE;
}

/**
 * The window of `range` at `now`: it ends at the first bucket boundary after `now`
 * (boundaries are multiples of the bucket size since the epoch, so day buckets start at
 * midnight UTC) and spans the range's length, a whole number of buckets; what it counts
 * ends with the current minute.
 *
 * @example
 * ```ts
 * rangeWindow("1h", Date.UTC(2026, 0, 1, 12, 5)); // 11:06 → 12:06, 2-minute buckets, until 12:06
 * ```
 */
export function rangeWindow(range: RangeKey, now: number): RangeWindow {
  const { seconds, intervalSeconds } = RANGES[range];
  const step = intervalSeconds * 1000;
  const to = (Math.floor(now / step) + 1) * step;
  const until = Math.min(to, (Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS);
  return { from: to - seconds * 1000, to, intervalSeconds, until };
}
