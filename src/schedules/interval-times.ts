/**
 * Fire times of interval schedules.
 *
 * The times are the grid `anchor + k × interval` for every integer `k`, so the anchor
 * fixes the phase and is not a start date: an anchor in the future still yields the grid
 * points before it (as in Prefect). With no `anchorDate` the anchor is
 * 2020-01-01T00:00:00 in the schedule's time zone (UTC by default); an ISO anchor without
 * an offset is read in that time zone too.
 *
 * An interval of whole days (86,400 s, 172,800 s, …) is stepped in calendar days of the
 * time zone, keeping the anchor's wall-clock time across DST changes: 1 day anchored at
 * 09:00 Europe/Berlin is 09:00 local in winter (08:00Z) and in summer (07:00Z). A wall
 * time that does not exist that day (02:30 on a spring-forward day) moves forward by the
 * gap (03:30); one that occurs twice is its first occurrence. Every other interval is
 * exact elapsed time, regardless of the time zone.
 *
 * @module
 */
import { OrdoError } from "../errors/index.js";
import { DEFAULT_ANCHOR_ISO, type IntervalScheduleInput } from "../schemas/schedule.js";
import type { TimeWindow } from "./time-window.js";
import { fromWallTime, toWallTime } from "./zoned-time.js";

const DAY_MS = 86_400_000;

/** The anchor of `schedule` as an instant (ms since the epoch). */
export function intervalAnchor(schedule: IntervalScheduleInput): number {
  const timeZone = schedule.timezone ?? "UTC";
  const anchor = schedule.anchorDate ?? DEFAULT_ANCHOR_ISO;
  if (typeof anchor === "number") return anchor;
  if (/(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(anchor)) return Date.parse(anchor);
  // No offset: the wall time in the schedule's time zone (Date.parse reads "…Z" as UTC).
  return fromWallTime(Date.parse(`${anchor}Z`), timeZone);
}

/** True when the interval is stepped in calendar days (a whole number of days). */
export function isWholeDays(schedule: IntervalScheduleInput): boolean {
  return (schedule.interval * 1000) % DAY_MS === 0;
}

/** The interval schedule's times in `window`, ascending. */
export function intervalTimes(schedule: IntervalScheduleInput, window: TimeWindow): number[] {
  const { after, until, max } = window;
  const stepMs = Math.max(1, Math.round(schedule.interval * 1000));
  const anchor = intervalAnchor(schedule);
  const timeZone = schedule.timezone ?? "UTC";
  const wholeDays = isWholeDays(schedule);
  const anchorWall = toWallTime(anchor, timeZone);
  const at = (k: number): number =>
    wholeDays ? fromWallTime(anchorWall + k * stepMs, timeZone) : anchor + k * stepMs;

  // Start one step early: DST moves a whole-day grid point by at most a few hours.
  let k = Math.floor((after - anchor) / stepMs) - 1;
  if (!Number.isSafeInteger(k)) {
    // Past 2^53 steps from the anchor, `k += 1` no longer moves k: the loops below would
    // never end. (The schemas keep anchors and backfill windows in the years 0000–9999.)
    const message = "interval schedule: the anchor is too far from the times asked for";
    throw new OrdoError("ORDO_INVALID_INPUT", message, { anchor, after });
  }
  while (at(k) <= after) k += 1;
  const times: number[] = [];
  for (; times.length < max; k += 1) {
    const time = at(k);
    if (until !== undefined && time > until) break;
    if (time > (times.at(-1) ?? after)) times.push(time);
  }
  return times;
}
