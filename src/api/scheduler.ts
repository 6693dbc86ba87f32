/**
 * The scheduler and the late-run marker, as functions the server's services call on a
 * timer.
 *
 * The scheduler keeps each active schedule of each unpaused deployment planned ahead
 * (up to 100 runs or 100 days, at least 3 runs). Run ids are derived from the
 * deployment and the scheduled time, so a second scheduler (another server on the same
 * database) creates nothing twice.
 *
 * The late-run marker moves Scheduled runs more than 15 s past their time to Late and
 * applies the deployments' stale policies: SKIP_IF_NEWER cancels a late run when a newer
 * run of its deployment is also due; EXPIRE cancels runs more than `staleAfterSeconds`
 * late.
 *
 * @module
 */
import { OrdoError } from "../errors/index.js";
import { planScheduledRuns } from "../schedules/index.js";
import { StateType, type StateData } from "../states/index.js";
import type { FlowRunTransition, Store } from "../store/index.js";
import type { DeploymentRow, ScheduleRow } from "../store/records/index.js";
import { createRunOf } from "./deployment-runs.js";
import { decideFlowRunState } from "./flow-run-state.js";
import { scheduledRunId } from "./scheduled-run-id.js";
import { signalWork } from "./work-signal.js";

/** How far ahead the scheduler plans. */
export interface SchedulerOptions {
  readonly maxRuns?: number | undefined;
  readonly maxDays?: number | undefined;
  readonly minRuns?: number | undefined;
  /** Only these deployments (default: all). */
  readonly deploymentIds?: readonly string[] | undefined;
}

/**
 * Creates the planned runs of every active schedule that do not exist yet; returns how
 * many it created.
 *
 * @example
 * ```ts
 * const created = await scheduleDeploymentRuns(store, Date.now());
 * ```
 */
export async function scheduleDeploymentRuns(
  store: Store,
  now: number,
  options: SchedulerOptions = {},
): Promise<number> {
  const schedules = await store.records.deployments.activeSchedules();
  const byDeployment = new Map<string, ScheduleRow[]>();
  for (const schedule of schedules) {
    const list = byDeployment.get(schedule.deploymentId) ?? [];
    list.push(schedule);
    byDeployment.set(schedule.deploymentId, list);
  }
  let created = 0;
  const failures: string[] = [];
  for (const [deploymentId, list] of byDeployment) {
    if (options.deploymentIds !== undefined && !options.deploymentIds.includes(deploymentId)) continue;
    const row = await store.records.deployments.get(deploymentId);
    if (row === undefined || row.paused === 1) continue;
    try {
      created += await scheduleOne(store, row, list, now, options);
    } catch (error) {
      // A deployment whose schedule cannot be planned (an rrule grown too costly to walk)
      // makes no runs; the others are still scheduled, and the failure is reported after.
      if (!(error instanceof OrdoError) || error.code !== "ORDO_INVALID_INPUT") throw error;
      failures.push(
        `${row.flow_name}/${row.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (created > 0) signalWork();
  if (failures.length > 0) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `could not plan the runs of ${failures.length} deployment(s) (${created} runs created for the others): ${failures.join("; ")}`,
      { failures },
    );
  }
  return created;
}

async function scheduleOne(
  store: Store,
  row: DeploymentRow,
  schedules: readonly ScheduleRow[],
  now: number,
  options: SchedulerOptions,
): Promise<number> {
  const planned = planScheduledRuns(
    schedules.map((s) => ({ id: s.id, spec: s.spec, active: s.active, parameters: s.parameters })),
    { now, maxRuns: options.maxRuns, maxDays: options.maxDays, minRuns: options.minRuns },
  );
  const ids = planned.map((slot) => scheduledRunId(row.id, slot.time, slot.variant));
  const existing = await store.records.claims.existing(ids);
  let created = 0;
  for (const [index, slot] of planned.entries()) {
    if (existing.has(ids[index]!)) continue;
    const schedule = schedules.find((s) => s.id === slot.scheduleId);
    try {
      await createRunOf(
        store,
        row,
        { id: ids[index], parameters: {}, scheduledTime: slot.time },
        { scheduleId: slot.scheduleId, scheduleParameters: schedule?.parameters ?? {} },
        now,
      );
      created++;
    } catch {
      // A schedule whose parameters no longer fit the deployment's schema makes no runs;
      // the deployment's page shows the schedule, and a manual run shows the error.
      return created;
    }
  }
  return created;
}

function lateDecision(run: { state: StateData }, proposed: StateData): boolean {
  return (
    run.state.type === StateType.SCHEDULED &&
    (run.state.name === "Scheduled" || run.state.name === "Late") &&
    run.state.name !== proposed.name
  );
}

/**
 * Marks Scheduled runs more than `lateAfterMs` past their time Late, and applies the
 * deployments' stale policies. Returns the ids it changed.
 */
export async function markLateRuns(store: Store, now: number, lateAfterMs = 15_000): Promise<string[]> {
  const changed: string[] = [];
  const newestDue = new Map<string, number | undefined>();
  for (const late of await store.records.claims.late(now - lateAfterMs, now, 500)) {
    let proposed: StateData | undefined;
    const lateMs = now - late.scheduledTime;
    if (
      late.stalePolicy === "EXPIRE" &&
      late.staleAfterSeconds !== undefined &&
      lateMs > late.staleAfterSeconds * 1000
    ) {
      proposed = {
        type: StateType.CANCELLED,
        name: "Cancelled",
        timestamp: now,
        message: `expired: ${Math.round(lateMs / 1000)} s late (the deployment's limit is ${late.staleAfterSeconds} s)`,
      };
    } else if (late.stalePolicy === "SKIP_IF_NEWER" && late.deploymentId !== undefined) {
      if (!newestDue.has(late.deploymentId)) {
        newestDue.set(late.deploymentId, await store.records.claims.newestDue(late.deploymentId, now));
      }
      const newest = newestDue.get(late.deploymentId);
      if (newest !== undefined && newest > late.scheduledTime) {
        proposed = {
          type: StateType.CANCELLED,
          name: "Cancelled",
          timestamp: now,
          message: "skipped: a newer run of the deployment is due",
        };
      }
    }
    if (proposed === undefined && late.stateName === "Scheduled") {
      proposed = {
        type: StateType.SCHEDULED,
        name: "Late",
        timestamp: now,
        scheduledTime: late.scheduledTime,
      };
    }
    if (proposed === undefined) continue;
    const state = proposed;
    const done = await store.transitionFlowRun(late.id, (run): FlowRunTransition<boolean> => {
      if (!lateDecision(run, state)) return { outcome: false };
      const decided = decideFlowRunState(run, state, { force: true }, now);
      return { outcome: decided.write !== undefined, write: decided.write };
    });
    if (done === true) changed.push(late.id);
  }
  return changed;
}
