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
 * The rule is expanded from `DTSTART` on every call: cheap for daily or weekly rules,
 * slow for a `MINUTELY` or `SECONDLY` rule that started years ago (use cron or interval).
 *
 * @module
 */
import rrulePkg from "rrule";
import type { RRule } from "rrule";
import { OrdoError } from "../errors/index.js";
import { DEFAULT_ANCHOR_ISO, isKnownTimeZone, type RRuleScheduleInput } from "../schemas/schedule.js";
import type { TimeWindow } from "./time-window.js";
import { fromWallTime, toWallTime } from "./zoned-time.js";

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

/** The rrule schedule's times in `window`, ascending. */
export function rruleTimes(schedule: RRuleScheduleInput, window: TimeWindow): number[] {
  const { after, until, max } = window;
  const { rule, timeZone } = wallClockRule(schedule);
  const times: number[] = [];
  if (max <= 0) return times;
  rule.all((date) => {
    const time = fromWallTime(date.getTime(), timeZone);
    if (until !== undefined && time > until) return false;
    if (time > (times.at(-1) ?? after)) times.push(time);
    return times.length < max;
  });
  return times;
}
