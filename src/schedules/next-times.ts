/**
 * A schedule's fire times in a window: the one entry point over cron, interval and rrule.
 *
 * @module
 */
import { OrdoError } from "../errors/index.js";
import type { ScheduleSpecInput } from "../schemas/schedule.js";
import { cronTimes } from "./cron-times.js";
import { intervalTimes } from "./interval-times.js";
import { rruleTimes } from "./rrule-times.js";
import type { TimeWindow } from "./time-window.js";

/** Throws `ORDO_INVALID_INPUT` unless `window` has finite times and a whole, non-negative `max`. */
export function checkWindow(window: TimeWindow): void {
  const { after, until, max } = window;
  if (!Number.isFinite(after) || (until !== undefined && !Number.isFinite(until))) {
    throw new OrdoError("ORDO_INVALID_INPUT", "schedule window: after and until must be finite ms", {
      after,
      until,
    });
  }
  if (!Number.isSafeInteger(max) || max < 0) {
    throw new OrdoError("ORDO_INVALID_INPUT", `schedule window: max must be a whole number ≥ 0, not ${max}`, {
      max,
    });
  }
}

/**
 * The fire times of `schedule` strictly after `options.after`, ascending, none after
 * `options.until` (when given), at most `options.max`. Times are ms since the epoch; the
 * schema's defaults (`timezone` "UTC", `dayOr` true) apply to fields left out. See
 * `cron-times.ts`, `interval-times.ts` and `rrule-times.ts` for each kind's DST rules.
 *
 * @throws `ORDO_INVALID_INPUT` for an invalid window, expression, rule or time zone.
 *
 * @example
 * ```ts
 * scheduledTimes({ cron: "0 3 * * *", timezone: "Europe/Berlin" }, {
 *   after: Date.parse("2024-01-01T00:00:00Z"),
 *   max: 2,
 * }); // [2024-01-01T02:00:00Z, 2024-01-02T02:00:00Z] as ms
 * ```
 */
export function scheduledTimes(schedule: ScheduleSpecInput, options: TimeWindow): number[] {
  checkWindow(options);
  if (options.max === 0 || (options.until !== undefined && options.until <= options.after)) return [];
  if ("cron" in schedule) return cronTimes(schedule, options);
  if ("interval" in schedule) return intervalTimes(schedule, options);
  return rruleTimes(schedule, options);
}

/**
 * The fire times of `schedule` from `from` to `to`, both inclusive, ascending, at most
 * `max` (the earliest ones): the slots a backfill creates runs for.
 *
 * @example
 * ```ts
 * backfillTimes({ interval: 3600 }, Date.parse("2024-01-01T00:00:00Z"), Date.parse("2024-01-01T02:00:00Z"), 10);
 * // 00:00, 01:00 and 02:00 on 2024-01-01, as ms
 * ```
 */
export function backfillTimes(schedule: ScheduleSpecInput, from: number, to: number, max: number): number[] {
  if (to < from) return [];
  return scheduledTimes(schedule, { after: from - 1, until: to, max });
}
