/**
 * `retryFlowRun(id)`: re-runs a failed or crashed flow run with durable resume.
 *
 * @module
 */
import { runFlow } from "../engine/flow-engine.js";
import { stateOf } from "../engine/outcome.js";
import { resultReader } from "../engine/result-io.js";
import type { State } from "../states/index.js";
import { engineConfig } from "./engine-config.js";
import type { ModuleImporter } from "./entrypoint.js";
import { flowDefinitionOf } from "./find-flow.js";
import { assertRetryable } from "./retryable-run.js";

/**
 * Re-runs a Failed, Crashed or Cancelled flow run in place (same run id). Task runs that
 * completed with a recorded result and the same task key, call order and inputs hash
 * return that result without running again. The flow is found in this process by name,
 * or loaded from the entrypoint recorded with the run. Returns the final State.
 *
 * @example
 * ```ts
 * const state = await etl.state({ n: 5 });
 * if (state.isFailed()) await retryFlowRun(state.flowRunId!);
 * ```
 */
export function retryFlowRun(flowRunId: string): Promise<State> {
  return retryFlowRunImporting(flowRunId);
}

/**
 * {@link retryFlowRun}, with the run's flow file imported by `importModule` when the flow
 * is not defined in this process (`ordo flow-run retry` imports it compiled ahead).
 */
export async function retryFlowRunImporting(
  flowRunId: string,
  importModule?: ModuleImporter,
): Promise<State> {
  const config = await engineConfig();
  await config.client.markCrashedRuns();
  const run = await config.client.readFlowRun(flowRunId);
  assertRetryable(run);
  const def = await flowDefinitionOf(run, importModule);
  const outcome = await runFlow(def, run.parameters, config, { existingRun: run });
  return stateOf(outcome, resultReader(config));
}
