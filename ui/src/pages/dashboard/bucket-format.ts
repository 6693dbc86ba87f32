/**
 * Words for the dashboard chart's buckets: x-axis labels suited to the range, and a
 * bucket's span for its hover text. Local time, 24-hour clock.
 *
 * @module
 */
import type { RangeKey } from "./time-range.js";

const clock = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });
const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });
const dayClock = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});

/** The x-axis label of a bucket starting at `start`: a clock time within a day, else a date. */
export function formatBucketTick(range: RangeKey, start: number): string {
  if (range === "1h" || range === "24h") return clock.format(start);
  if (range === "7d") return dayClock.format(start);
  return day.format(start);
}

/** A bucket's span: "14:00–14:30", or "24 Nov, 06:00 – 24 Nov, 12:00" across days. */
export function formatBucketSpan(range: RangeKey, start: number, end: number): string {
  if (range === "1h" || range === "24h") return `${dayClock.format(start)}–${clock.format(end)}`;
  if (range === "30d") return day.format(start);
  return `${dayClock.format(start)} – ${dayClock.format(end)}`;
}
