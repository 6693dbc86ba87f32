/**
 * A flow run's state, read back as a {@link State}: what `runDeployment` and the client
 * answer is the run as data; this gives its state the guards and `result()` of a state
 * that a flow call returns.
 *
 * @module
 */
import { stateOf } from "../engine/outcome.js";
import { resultReader } from "../engine/result-io.js";
import type { FlowRun } from "../schemas/index.js";
import { isTerminalType, State } from "../states/index.js";
import { engineConfig } from "./engine-config.js";

/**
 * The current state of a flow run (given by id, or as a run read before) as a
 * {@link State}. Its `result()` returns the run's value once it Completed (kept inline, or
 * read from result storage: the run's storage must be reachable from this process),
 * throws the run's error once it Failed, Crashed or was Cancelled, and throws
 * `ORDO_RESULT_NOT_AVAILABLE` while it has not ended. An id is read again; a run passed in
 * is used as it is.
 *
 * @example
 * ```ts
 * const run = await runDeployment("etl/nightly", { table: "orders" }, { timeoutSeconds: 600 });
 * const rows = await (await readFlowRunState<number>(run)).result();
 * ```
 */
export async function readFlowRunState<T = unknown>(run: FlowRun | string): Promise<State<T>> {
  const config = await engineConfig();
  const current = typeof run === "string" ? await config.client.readFlowRun(run) : run;
  if (!isTerminalType(current.state.type)) return new State<T>(current.state, { flowRunId: current.id });
  return stateOf<T>(
    {
      state: current.state,
      flowRunId: current.id,
      taskRunId: undefined,
      hasValue: false,
      result: current.result,
    },
    resultReader(config),
  );
}
