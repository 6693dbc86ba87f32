/**
 * The scheduler's planning step, pure: which scheduled runs a deployment should have.
 *
 * @module
 */
import type { ScheduleSpecInput } from "../schemas/schedule.js";
import { scheduledTimes } from "./next-times.js";

const DAY_MS = 86_400_000;

/** One of a deployment's schedules, as the planner sees it. */
export interface PlannableSchedule {
  /** The schedule's id; named in the runs planned for it. */
  readonly id: string;
  /** When it fires. */
  readonly spec: ScheduleSpecInput;
  /** An inactive schedule plans no runs. */
  readonly active: boolean;
}

/** How far ahead to plan. */
export interface PlanOptions {
  /** The current time (ms since the epoch); only times strictly after it are planned. */
  readonly now: number;
  /** At most this many times per schedule (default 100). */
  readonly maxRuns?: number;
  /** Times up to this many days after `now` (default 100)… */
  readonly maxDays?: number;
  /** …but at least this many times per schedule even beyond `maxDays` (default 3, capped by `maxRuns`). */
  readonly minRuns?: number;
  /** Scheduled times (ms) that already have a run for this deployment: not planned again. */
  readonly existing?: ReadonlySet<number>;
}

/** A run to create: the schedule it came from and its scheduled time (ms). */
export interface PlannedRun {
  /** The id of the schedule that planned it. */
  readonly scheduleId: string;
  /** The scheduled start time, ms since the epoch. */
  readonly time: number;
}

/**
 * The runs to schedule for one deployment's schedules, Prefect-like: for each active
 * schedule, its times after `now` up to `maxDays` ahead and at most `maxRuns`, but at
 * least `minRuns` even beyond `maxDays` (so a yearly cron still has its next 3 runs);
 * merged and sorted by time.
 *
 * A run's idempotency key is its deployment and scheduled time, so two schedules that
 * fire at the same instant make ONE run: each time is planned once, by the first
 * schedule (in `schedules` order) that has it. Times in `existing` are left out, but
 * still count toward each schedule's caps, so planning again after a tick tops the
 * window up instead of extending it.
 *
 * @example
 * ```ts
 * planScheduledRuns([{ id: "s1", spec: { interval: 3600 }, active: true }], { now: Date.now(), maxRuns: 2 });
 * // [{ scheduleId: "s1", time: <next hour> }, { scheduleId: "s1", time: <the hour after> }]
 * ```
 */
export function planScheduledRuns(
  schedules: readonly PlannableSchedule[],
  options: PlanOptions,
): PlannedRun[] {
  const { now, maxRuns = 100, maxDays = 100, minRuns = 3, existing } = options;
  const horizon = now + maxDays * DAY_MS;
  const planned = new Map<number, PlannedRun>();
  for (const schedule of schedules) {
    if (!schedule.active) continue;
    let times = scheduledTimes(schedule.spec, { after: now, until: horizon, max: maxRuns });
    const least = Math.min(minRuns, maxRuns);
    if (times.length < least) times = scheduledTimes(schedule.spec, { after: now, max: least });
    for (const time of times) {
      if (existing?.has(time) === true || planned.has(time)) continue;
      planned.set(time, { scheduleId: schedule.id, time });
    }
  }
  return [...planned.values()].sort((a, b) => a.time - b.time);
}
