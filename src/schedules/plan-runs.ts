/**
 * The scheduler's planning step, pure: which scheduled runs a deployment should have.
 *
 * @module
 */
import { canonicalize } from "../hashing/canonicalize.js";
import type { ScheduleSpecInput } from "../schemas/schedule.js";
import { backfillTimes, scheduledTimes } from "./next-times.js";

const DAY_MS = 86_400_000;

/** One of a deployment's schedules, as the planner sees it. */
export interface PlannableSchedule {
  /** The schedule's id; named in the runs planned for it. */
  readonly id: string;
  /** When it fires. */
  readonly spec: ScheduleSpecInput;
  /** An inactive schedule plans no runs. */
  readonly active: boolean;
  /** The schedule's own parameters (over the deployment's); default none. */
  readonly parameters?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * What tells apart the runs of two schedules due at the same time: the canonical text of
 * the schedule's own parameters (none count as `{}`). Schedules with equal parameters
 * share their slots: one run at a time they both fire.
 *
 * @example
 * ```ts
 * slotVariant({ table: "users", n: 1 }) === slotVariant({ n: 1, table: "users" }); // true
 * ```
 */
export function slotVariant(parameters: Readonly<Record<string, unknown>> | undefined): string {
  return canonicalize(parameters ?? {}, "parameters");
}

/**
 * Slots keyed by time and {@link slotVariant}, each given the variant its run's id adds:
 * none for the first slot at its time (in schedule order), so that a time has the id it
 * had before schedules' parameters told slots apart, and the slot's variant for the others.
 */
class SlotSet {
  readonly #slots = new Map<string, PlannedRun>();
  readonly #timesTaken = new Set<number>();

  has(time: number, variant: string): boolean {
    return this.#slots.has(`${time}\u0000${variant}`);
  }

  add(scheduleId: string, time: number, variant: string): void {
    if (this.has(time, variant)) return;
    const idVariant = this.#timesTaken.has(time) ? variant : "";
    this.#timesTaken.add(time);
    this.#slots.set(`${time}\u0000${variant}`, { scheduleId, variant: idVariant, time });
  }

  /** The slots by time, then id variant (the first at a time comes first). */
  sorted(): PlannedRun[] {
    return [...this.#slots.values()].sort(
      (a, b) => a.time - b.time || (a.variant < b.variant ? -1 : a.variant > b.variant ? 1 : 0),
    );
  }
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
  /**
   * What the run's id adds to its deployment and time: empty for the first slot at its
   * time (in schedule order), else the schedule's {@link slotVariant}.
   */
  readonly variant: string;
  /** The scheduled start time, ms since the epoch. */
  readonly time: number;
}

/**
 * The runs to schedule for one deployment's schedules, Prefect-like: for each active
 * schedule, its times after `now` up to `maxDays` ahead and at most `maxRuns`, but at
 * least `minRuns` even beyond `maxDays` (so a yearly cron still has its next 3 runs);
 * merged and sorted by time.
 *
 * A run's idempotency key is its deployment, scheduled time and {@link slotVariant}, so
 * two schedules that fire at the same instant with the same parameters (or none) make ONE
 * run, planned by the first schedule (in `schedules` order) that has it; schedules with
 * different parameters make one run each. Times in `existing` are left out, but still
 * count toward each schedule's caps, so planning again after a tick tops the window up
 * instead of extending it.
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
  const planned = new SlotSet();
  for (const schedule of schedules) {
    if (!schedule.active) continue;
    let times = scheduledTimes(schedule.spec, { after: now, until: horizon, max: maxRuns });
    const least = Math.min(minRuns, maxRuns);
    if (times.length < least) times = scheduledTimes(schedule.spec, { after: now, max: least });
    const variant = slotVariant(schedule.parameters);
    for (const time of times) {
      if (existing?.has(time) !== true) planned.add(schedule.id, time, variant);
    }
  }
  return planned.sorted();
}

/**
 * The past slots of a deployment's active schedules between `from` and `to` (both
 * inclusive), at most `max`, oldest first: what a backfill creates. Slots are told apart
 * as {@link planScheduledRuns} tells them apart (time and parameters).
 */
export function backfillSlots(
  schedules: readonly PlannableSchedule[],
  from: number,
  to: number,
  max: number,
): PlannedRun[] {
  const slots = new SlotSet();
  for (const schedule of schedules) {
    if (!schedule.active) continue;
    const variant = slotVariant(schedule.parameters);
    for (const time of backfillTimes(schedule.spec, from, to, max)) slots.add(schedule.id, time, variant);
  }
  return slots.sorted().slice(0, max);
}
