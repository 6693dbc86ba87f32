/**
 * Wall-clock time in an IANA time zone, without a clock read or a date library.
 *
 * A *wall time* here is a "floating" ms value: the local date and time written as if it
 * were UTC (`Date.UTC(year, month, day, hour, …)`). It is what `Intl` shows for an
 * instant in a zone, and what recurrence rules step through (days, weeks, months).
 *
 * @example
 * ```ts
 * toWallTime(Date.parse("2024-07-01T07:00:00Z"), "Europe/Berlin"); // Date.UTC(2024, 6, 1, 9)
 * fromWallTime(Date.UTC(2024, 6, 1, 9), "Europe/Berlin"); // Date.parse("2024-07-01T07:00:00Z")
 * ```
 *
 * @module
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall time (floating ms) of `instant` in `timeZone`. */
export function toWallTime(instant: number, timeZone: string): number {
  if (timeZone === "UTC") return instant;
  const fields: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const ms = ((instant % 1000) + 1000) % 1000;
  return (
    Date.UTC(
      fields.year ?? 1970,
      (fields.month ?? 1) - 1,
      fields.day ?? 1,
      fields.hour ?? 0,
      fields.minute ?? 0,
      fields.second ?? 0,
    ) + ms
  );
}

/** The UTC offset of `timeZone` at `instant`, in ms (Europe/Berlin in summer: 7,200,000). */
export function offsetAt(instant: number, timeZone: string): number {
  return toWallTime(instant, timeZone) - instant;
}

/**
 * The instant at which `timeZone`'s clocks show `wallTime`. Like Temporal's "compatible"
 * disambiguation: a wall time that occurs twice (clocks set back) is its earlier
 * occurrence; one that does not exist (clocks set forward) is moved forward by the length
 * of the gap (02:30 on Europe/Berlin's spring-forward day is 03:30 CEST).
 */
export function fromWallTime(wallTime: number, timeZone: string): number {
  if (timeZone === "UTC") return wallTime;
  const before = offsetAt(wallTime - DAY_MS, timeZone);
  const after = offsetAt(wallTime + DAY_MS, timeZone);
  const matches = [before, after]
    .map((offset) => wallTime - offset)
    .filter((instant) => toWallTime(instant, timeZone) === wallTime);
  if (matches.length > 0) return Math.min(...matches);
  // In a gap: the offset in force before it carries the wall time past the gap.
  return wallTime - before;
}
