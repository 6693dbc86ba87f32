/**
 * Which flows fail most: failed and crashed runs of a time range grouped by flow, most
 * failures first. Pure; the dashboard feeds it one page of such runs.
 *
 * @module
 */
import type { FlowRun } from "../../api/types.js";

/** One flow's failures in the range. */
export interface FailingFlow {
  readonly flowName: string;
  /** Runs that ended FAILED (TimedOut included). */
  readonly failed: number;
  /** Runs that ended CRASHED. */
  readonly crashed: number;
  /** The most recent failure: when (expected start) and which run. */
  readonly lastAt: number;
  readonly lastRunId: string;
}

type FailedRun = Pick<FlowRun, "id" | "flowName" | "state" | "expectedStartTime" | "createdAt">;

/**
 * Groups failed and crashed runs by flow: most failures first (ties: the most recent
 * failure first, then the name), at most `top` flows. Other states are ignored.
 */
export function groupFailingFlows(runs: readonly FailedRun[], top = 5): FailingFlow[] {
  const byFlow = new Map<string, { failed: number; crashed: number; lastAt: number; lastRunId: string }>();
  for (const run of runs) {
    const type = run.state.type;
    if (type !== "FAILED" && type !== "CRASHED") continue;
    const at = run.expectedStartTime ?? run.createdAt;
    const entry = byFlow.get(run.flowName) ?? { failed: 0, crashed: 0, lastAt: -1, lastRunId: run.id };
    if (type === "FAILED") entry.failed += 1;
    else entry.crashed += 1;
    if (at > entry.lastAt) {
      entry.lastAt = at;
      entry.lastRunId = run.id;
    }
    byFlow.set(run.flowName, entry);
  }
  return [...byFlow.entries()]
    .map(([flowName, e]) => ({ flowName, ...e }))
    .sort(
      (a, b) =>
        b.failed + b.crashed - (a.failed + a.crashed) ||
        b.lastAt - a.lastAt ||
        a.flowName.localeCompare(b.flowName),
    )
    .slice(0, top);
}
