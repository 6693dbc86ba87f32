/**
 * Printing the final state of a flow run (`ordo run`, `ordo flow-run retry`).
 *
 * @module
 */
import type { State } from "../states/state.js";
import { StateType } from "../states/state-type.js";
import { ExitCode, type CliContext } from "./cli-context.js";
import { formatJson } from "./output/json.js";

/** The run's value as JSON, when it has one that JSON can carry. */
async function jsonResult(state: State): Promise<{ result?: unknown }> {
  if (state.type !== StateType.COMPLETED) return {};
  try {
    const value = await state.result();
    const text = JSON.stringify(value);
    return text === undefined ? {} : { result: JSON.parse(text) as unknown };
  } catch {
    return {}; // not persisted, or not JSON (a Map, a bigint, a cycle): the state says enough
  }
}

/**
 * Prints a flow run's final state (as a line, or as JSON with the result when it is
 * JSON-serializable) and sets the exit code: 0 for COMPLETED, 1 otherwise.
 *
 * @example
 * ```ts
 * await reportFinalState(ctx, await flow.state(params), options.json === true);
 * ```
 */
export async function reportFinalState(ctx: CliContext, state: State, json: boolean): Promise<void> {
  const { io } = ctx;
  if (json) {
    const data = {
      flowRunId: state.flowRunId,
      state: { type: state.type, name: state.name, message: state.message },
      ...(await jsonResult(state)),
    };
    io.out(formatJson(data));
  } else {
    const message =
      state.message === undefined || state.message === "" ? "" : `: ${state.message.replace(/\s+/g, " ")}`;
    io.out(`Flow run ${state.flowRunId ?? "(unknown id)"} finished in state ${state.name}${message}\n`);
  }
  ctx.exitCode = state.type === StateType.COMPLETED ? ExitCode.Ok : ExitCode.Failure;
}
