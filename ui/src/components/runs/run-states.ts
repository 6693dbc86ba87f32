/**
 * What a run's state allows: whether it is over, whether it can be cancelled or retried.
 * Pure (the UI imports no code of the server, only its types).
 *
 * @module
 */
import type { FlowRun, StateType } from "../../api/types.js";

const TERMINAL: ReadonlySet<StateType> = new Set<StateType>(["COMPLETED", "FAILED", "CRASHED", "CANCELLED"]);
const RETRYABLE: ReadonlySet<StateType> = new Set<StateType>(["FAILED", "CRASHED", "CANCELLED"]);

/** True for the states a run never leaves on its own: Completed, Failed, Crashed, Cancelled. */
export function isTerminal(type: StateType): boolean {
  return TERMINAL.has(type);
}

/** True when a run in `type` can be cancelled (it is not over and not already cancelling). */
export function canCancel(type: StateType): boolean {
  return !isTerminal(type) && type !== "CANCELLING";
}

/**
 * How a run can be retried: `queue` — a deployment's run goes back to its work queue
 * (AwaitingRetry) for a worker; `cli` — a run started from code is retried where its code
 * is, with `ordo flow-run retry`; `none` — it is not Failed, Crashed or Cancelled.
 */
export function retryMode(run: Pick<FlowRun, "state" | "deploymentId">): "queue" | "cli" | "none" {
  if (!RETRYABLE.has(run.state.type)) return "none";
  return run.deploymentId === undefined ? "cli" : "queue";
}

/**
 * The state the UI proposes to retry a deployment's run: AwaitingRetry, due now. Sent
 * with `rerun: true` (a re-run of a finished run: completed task results are reused).
 */
export function retryProposal(now: number) {
  return {
    type: "SCHEDULED",
    name: "AwaitingRetry",
    timestamp: now,
    scheduledTime: now,
    message: "retried from the web UI",
  } as const;
}
