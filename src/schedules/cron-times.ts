/**
 * Fire times of cron schedules, by croner (no job is started: croner only computes).
 *
 * The expression has 5 fields (minute precision) or 6 (seconds first) and is read in the
 * schedule's time zone. `dayOr: true` (the default, as classic cron) fires when the
 * day-of-month OR the day-of-week matches; `dayOr: false` needs both (croner's
 * `domAndDow`).
 *
 * DST, as croner (and Vixie cron) do it:
 * - a *fixed-time* expression (one value each in seconds, minutes and hours, such as
 *   `30 2 * * *`) whose time falls in a spring-forward gap fires once, at the first valid
 *   time after the gap on the same day (02:30 Europe/Berlin → 03:00 CEST); on a fall-back
 *   day it fires once, at the first of the two occurrences (02:30 CEST);
 * - every other expression (`*\/15 * * * *`, `0 1,2 * * *`) is an *interval* job: times
 *   in a gap are skipped and a repeated wall time fires on both occurrences, so the
 *   schedule keeps its rhythm in elapsed time.
 *
 * @module
 */
import { Cron } from "croner";
import { OrdoError } from "../errors/index.js";
import type { CronScheduleInput } from "../schemas/schedule.js";
import type { TimeWindow } from "./time-window.js";

/** A croner pattern for `schedule` that computes times and never runs anything. */
export function cronPattern(schedule: CronScheduleInput): Cron {
  const timezone = schedule.timezone ?? "UTC";
  try {
    return new Cron(schedule.cron, {
      timezone,
      domAndDow: schedule.dayOr === false,
      mode: "5-or-6-parts",
      paused: true,
    });
  } catch (error) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `invalid cron schedule "${schedule.cron}" (${timezone}): ${error instanceof Error ? error.message : String(error)}`,
      { field: "cron" },
      { cause: error },
    );
  }
}

/** The cron schedule's times in `window`, ascending. */
export function cronTimes(schedule: CronScheduleInput, window: TimeWindow): number[] {
  const { after, until, max } = window;
  const pattern = cronPattern(schedule);
  const times: number[] = [];
  let previous = new Date(after);
  while (times.length < max) {
    const next = pattern.nextRun(previous);
    if (next === null) break;
    const time = next.getTime();
    if (until !== undefined && time > until) break;
    if (time > after) times.push(time);
    previous = next;
  }
  return times;
}
