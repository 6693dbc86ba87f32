/**
 * `executeFlowRun(id)`: runs an existing flow run in this process — a Scheduled run (for
 * example a Suspended run that was resumed) or a Failed, Crashed or Cancelled one — with
 * durable resume. What a worker's child process calls.
 *
 * @module
 */
import { runFlow } from "../engine/flow-engine.js";
import { stateOf } from "../engine/outcome.js";
import { resultReader } from "../engine/result-io.js";
import { OrdoError } from "../errors/ordo-error.js";
import { StateType, type State } from "../states/index.js";
import { engineConfig } from "./engine-config.js";
import { flowDefinitionOf } from "./find-flow.js";

const EXECUTABLE: ReadonlySet<string> = new Set([
  StateType.SCHEDULED,
  StateType.PENDING,
  StateType.FAILED,
  StateType.CRASHED,
  StateType.CANCELLED,
]);

/**
 * Executes the existing flow run `flowRunId` in this process and returns its final State
 * (or the Suspended state, when the flow suspends again). The run must be SCHEDULED
 * (Scheduled, Late, AwaitingRetry, …), PENDING, Failed, Crashed or Cancelled
 * (`ORDO_NOT_RETRYABLE` otherwise). Task runs that completed with a recorded result are
 * reused, and a `suspend()` or `pause()` the run was resumed at returns the stored input.
 * The flow is found in this process by name, or loaded from the run's entrypoint.
 *
 * @example
 * ```ts
 * await client.resumeFlowRun(id, { approved: true }); // a Suspended run: now Scheduled
 * const state = await executeFlowRun(id);
 * ```
 */
export async function executeFlowRun(flowRunId: string): Promise<State> {
  const config = await engineConfig();
  const run = await config.client.readFlowRun(flowRunId);
  if (!EXECUTABLE.has(run.state.type)) {
    throw new OrdoError(
      "ORDO_NOT_RETRYABLE",
      `flow run ${flowRunId} is ${run.state.name}: only a Scheduled, Pending, Failed, Crashed or Cancelled run can be executed`,
      { flowRunId, state: run.state.name },
    );
  }
  const def = await flowDefinitionOf(run);
  const outcome = await runFlow(def, run.parameters, config, { existingRun: run });
  return stateOf(outcome, resultReader(config));
}
