/**
 * Fire times of recurrence-rule (RFC 5545 RRULE) schedules, by the `rrule` package.
 *
 * What is supported, exactly:
 * - one `RRULE` (the `RRULE:` prefix is optional) and an optional `DTSTART`; rule sets
 *   (`RDATE`, `EXDATE`, several `RRULE` lines) are refused by the schema;
 * - the rule's time zone is the `TZID` of `DTSTART` when given, else the schedule's
 *   `timezone`, else UTC;
 * - a `DTSTART` without `Z` is a wall-clock time in that zone; one with `Z` is an instant,
 *   converted to the zone's wall-clock time; with no `DTSTART` the rule starts at
 *   2020-01-01T00:00:00 in the zone (the time of day then comes from `BYHOUR`/`BYMINUTE`
 *   or is midnight), so a `COUNT` counts from there;
 * - `UNTIL` with `Z` is an instant; without, a wall-clock time in the zone.
 *
 * The rule is expanded in wall-clock time (rrule's own `tzid` handling depends on the
 * process's local time zone, so it is not used) and each occurrence is then placed in the
 * zone: occurrences keep their wall-clock time across DST; one in a spring-forward gap
 * moves forward by the gap, one that occurs twice is its first occurrence.
 *
 * A rule without `COUNT` is not expanded from its `DTSTART` on every call: it restarts at
 * the last whole period (its `INTERVAL` times its frequency) before the window, which
 * yields the same occurrences from there on, so a `MINUTELY` rule that started years ago
 * costs what a new one does. A rule with `COUNT` is expanded from `DTSTART` (its count
 * starts there), and the schema allows a `COUNT` of at most 50,000. No call examines more
 * than {@link MAX_RRULE_OCCURRENCES} occurrences: one that would throws
 * `ORDO_INVALID_INPUT`, so a schedule cannot hold the server's event loop.
 *
 * @module
 */
import rrulePkg from "rrule";
import type { RRule } from "rrule";
import { OrdoError } from "../errors/index.js";
import { DEFAULT_ANCHOR_ISO, isKnownTimeZone, type RRuleScheduleInput } from "../schemas/schedule.js";
import type { TimeWindow } from "./time-window.js";
import { fromWallTime, offsetAt, toWallTime } from "./zoned-time.js";

const { RRule: RRuleClass, RRuleSet, rrulestr } = rrulePkg;

/** A recurrence rule expanded in wall-clock time, and the time zone that places it. */
export interface WallClockRule {
  /** The rule, with dates as wall-clock times written as UTC (no `tzid`). */
  readonly rule: RRule;
  /** The IANA time zone of the wall-clock times. */
  readonly timeZone: string;
}

function invalid(schedule: RRuleScheduleInput, problem: string, cause?: unknown): OrdoError {
  return new OrdoError(
    "ORDO_INVALID_INPUT",
    `invalid rrule schedule: ${problem}`,
    { field: "rrule", rrule: schedule.rrule },
    cause === undefined ? undefined : { cause },
  );
}

/** Parses `schedule.rrule` into a {@link WallClockRule}; `ORDO_INVALID_INPUT` when it cannot. */
export function wallClockRule(schedule: RRuleScheduleInput): WallClockRule {
  const text = schedule.rrule;
  let parsed: unknown;
  try {
    parsed = rrulestr(text);
  } catch (error) {
    throw invalid(schedule, error instanceof Error ? error.message : String(error), error);
  }
  // An RRuleSet is an RRule too (a subclass).
  if (parsed instanceof RRuleSet || !(parsed instanceof RRuleClass))
    throw invalid(schedule, "use one RRULE and an optional DTSTART");
  const options = parsed.origOptions;
  const timeZone = options.tzid ?? schedule.timezone ?? "UTC";
  if (!isKnownTimeZone(timeZone)) throw invalid(schedule, `unknown time zone "${timeZone}"`);

  const utcStart = /DTSTART[^:\r\n]*:\d{8}(?:T\d{6})?Z/i.test(text);
  const dtstart =
    options.dtstart === undefined || options.dtstart === null
      ? Date.parse(`${DEFAULT_ANCHOR_ISO}Z`)
      : utcStart
        ? toWallTime(options.dtstart.getTime(), timeZone)
        : options.dtstart.getTime();
  const utcUntil = /UNTIL=\d{8}(?:T\d{6})?Z/i.test(text);
  const until =
    options.until === undefined || options.until === null
      ? null
      : new Date(utcUntil ? toWallTime(options.until.getTime(), timeZone) : options.until.getTime());
  const rule = new RRuleClass({ ...options, dtstart: new Date(dtstart), until, tzid: null });
  return { rule, timeZone };
}

/** The most occurrences one call of {@link rruleTimes} examines. */
export const MAX_RRULE_OCCURRENCES = 50_000;

const SECOND = 1000;
const DAY = 86_400_000;

/** Period lengths of the frequencies whose periods are all the same length (ms). */
const FIXED_PERIODS: ReadonlyMap<number, number> = new Map([
  [RRuleClass.WEEKLY, 7 * DAY],
  [RRuleClass.DAILY, DAY],
  [RRuleClass.HOURLY, 3_600 * SECOND],
  [RRuleClass.MINUTELY, 60 * SECOND],
  [RRuleClass.SECONDLY, SECOND],
]);

/**
 * The start, at or before `wall` (a wall-clock time written as UTC), of the last whole
 * period of `rule` that begins there: its `DTSTART` moved forward by a whole number of
 * periods (`INTERVAL` × the frequency). The rule restarted there has the same occurrences
 * from that point on, because every default a rule takes from its `DTSTART` (time of day,
 * weekday, day of month, month) is the same a whole number of periods later. Answers the
 * rule's own `DTSTART` when moving it would change the rule: with `COUNT` (counted from
 * `DTSTART`), or monthly and yearly rules starting after the 28th (a day not every month has).
 *
 * @example
 * ```ts
 * // FREQ=DAILY;INTERVAL=2 from 2020-01-01T03:00 → the period at or before 2026-11-24T12:00
 * periodStartBefore(rule, Date.UTC(2026, 10, 24, 12)); // 2026-11-23T03:00 (an even day count later)
 * ```
 */
export function periodStartBefore(rule: RRule, wall: number): number {
  const options = rule.origOptions;
  const start = options.dtstart?.getTime() ?? wall;
  if (start >= wall || (options.count !== undefined && options.count !== null)) return start;
  const interval = Math.max(1, options.interval ?? 1);
  const fixed = options.freq === undefined ? undefined : FIXED_PERIODS.get(options.freq);
  if (fixed !== undefined) {
    const period = fixed * interval;
    return start + Math.floor((wall - start) / period) * period;
  }
  const from = new Date(start);
  if (from.getUTCDate() > 28) return start;
  const months = options.freq === RRuleClass.YEARLY ? 12 * interval : interval;
  const to = new Date(wall);
  const elapsed =
    (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  for (let periods = Math.floor(elapsed / months); periods > 0; periods--) {
    const moved = Date.UTC(
      from.getUTCFullYear(),
      from.getUTCMonth() + periods * months,
      from.getUTCDate(),
      from.getUTCHours(),
      from.getUTCMinutes(),
      from.getUTCSeconds(),
      from.getUTCMilliseconds(),
    );
    if (moved <= wall) return moved;
  }
  return start;
}

/**
 * The earliest wall-clock time (written as UTC) that can be at or after the instant
 * `after` in `timeZone`: any occurrence earlier on the clock is before `after`. Exact when
 * the zone's offset changes at most once from a day before `after` to two days after it
 * (the offsets at both ends bound every offset between).
 */
export function earliestWallTimeAtOrAfter(after: number, timeZone: string): number {
  const lowest = Math.min(offsetAt(after - DAY, timeZone), offsetAt(after + 2 * DAY, timeZone));
  return after + lowest;
}

/**
 * The rrule schedule's times in `window`, ascending.
 *
 * @throws `ORDO_INVALID_INPUT` for a rule that cannot be read, or that needs more than
 * {@link MAX_RRULE_OCCURRENCES} occurrences to fill the window.
 */
export function rruleTimes(schedule: RRuleScheduleInput, window: TimeWindow): number[] {
  const { after, until, max } = window;
  const parsed = wallClockRule(schedule);
  const { timeZone } = parsed;
  const times: number[] = [];
  if (max <= 0) return times;
  // Occurrences earlier than this on the clock are before the window: the rule restarts
  // at the start of its period there, and those before it in that period are skipped.
  const surelyBefore = earliestWallTimeAtOrAfter(after, timeZone);
  const restart = periodStartBefore(parsed.rule, surelyBefore);
  const rule =
    restart === parsed.rule.origOptions.dtstart?.getTime()
      ? parsed.rule
      : new RRuleClass({ ...parsed.rule.origOptions, dtstart: new Date(restart) });
  let examined = 0;
  rule.all((date) => {
    if (++examined > MAX_RRULE_OCCURRENCES) return false;
    const wall = date.getTime();
    if (wall < surelyBefore) return true;
    const time = fromWallTime(wall, timeZone);
    if (until !== undefined && time > until) return false;
    if (time > (times.at(-1) ?? after)) times.push(time);
    return times.length < max;
  });
  if (examined > MAX_RRULE_OCCURRENCES) {
    throw invalid(
      schedule,
      `the rule has more than ${MAX_RRULE_OCCURRENCES} occurrences before the times asked for: give it a later DTSTART, or use a cron or interval schedule`,
    );
  }
  return times;
}
