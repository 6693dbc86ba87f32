/**
 * Schedules, pure: fire times of cron, interval and RRULE schedules, the scheduler's run
 * planning, backfill slots and descriptions. No I/O and no clock reads: time is passed in
 * as ms since the epoch. The schedule schemas live in `src/schemas/schedule.ts`.
 *
 * @example
 * ```ts
 * import { scheduledTimes } from "./index.js";
 * scheduledTimes({ interval: 90 }, { after: 0, max: 3 }); // [90_000, 180_000, 270_000]
 * ```
 *
 * @module
 */
export type { TimeWindow } from "./time-window.js";
export { scheduledTimes, backfillTimes } from "./next-times.js";
export {
  backfillSlots,
  planScheduledRuns,
  slotVariant,
  type PlannableSchedule,
  type PlanOptions,
  type PlannedRun,
} from "./plan-runs.js";
export { describeSchedule } from "./describe-schedule.js";
export { intervalAnchor } from "./interval-times.js";
export { toWallTime, fromWallTime, offsetAt } from "./zoned-time.js";
