/**
 * Which flow runs can be retried: those that ended Failed, Crashed or Cancelled.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import type { FlowRun } from "../schemas/index.js";
import { StateType } from "../states/index.js";

const RETRYABLE: ReadonlySet<string> = new Set([StateType.FAILED, StateType.CRASHED, StateType.CANCELLED]);

/**
 * Throws `ORDO_NOT_RETRYABLE` unless the run ended Failed, Crashed or Cancelled (a
 * Completed run is never run again; a run not over yet is not retried).
 *
 * @example
 * ```ts
 * assertRetryable(await client.readFlowRun(id));
 * ```
 */
export function assertRetryable(run: Pick<FlowRun, "id" | "state">): void {
  if (RETRYABLE.has(run.state.type)) return;
  throw new OrdoError(
    "ORDO_NOT_RETRYABLE",
    `flow run ${run.id} is ${run.state.name}: only Failed, Crashed or Cancelled runs can be retried`,
    { flowRunId: run.id, state: run.state.name },
  );
}
