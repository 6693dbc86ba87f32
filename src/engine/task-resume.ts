/**
 * Durable resume for task runs: reusing the result of an earlier attempt of the flow run,
 * or preparing the run to run again and saying why.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import type { TaskRun } from "../schemas/index.js";
import { StateType, TASK_RULES, applyRules } from "../states/index.js";
import type { FlowRunContext } from "./context.js";
import { errorInfo, type RunOutcome } from "./outcome.js";
import type { TaskRunSnapshot } from "./recorder.js";
import { enter, factsFor, stateData } from "./task-run-states.js";
export function priorKey(taskKey: string, dynamicKey: string): string {
  return `${taskKey}\u0000${dynamicKey}`;
}

/** Returns the earlier result when the call matches, else prepares the run to run again. */
export function resumeOrRerun(
  flow: FlowRunContext,
  snapshot: TaskRunSnapshot,
  prior: TaskRun,
  inputsHash: string | undefined,
): RunOutcome | undefined {
  const completed = prior.state.type === StateType.COMPLETED;
  if (
    completed &&
    prior.result !== undefined &&
    inputsHash !== undefined &&
    prior.inputsHash === inputsHash
  ) {
    flow.logger.debug(`task run '${prior.name}' completed in an earlier attempt: its result is reused`);
    return {
      state: prior.state,
      flowRunId: flow.flowRunId,
      taskRunId: prior.id,
      hasValue: false,
      result: prior.result,
    };
  }
  let why: string;
  if (!completed) why = `it ended ${prior.state.name} in the earlier attempt`;
  else if (prior.result === undefined) why = "its earlier result was not persisted";
  else if (inputsHash === undefined) why = "its inputs cannot be hashed, so they cannot be compared";
  else why = "its inputs differ from the earlier attempt";
  const line = `task run '${prior.name}' (call ${prior.dynamicKey} of '${prior.taskKey}') runs again: ${why}`;
  if (completed) flow.logger.info(line);
  else flow.logger.debug(line);
  const now = Date.now();
  const decision = applyRules(TASK_RULES, {
    initial: prior.state,
    proposed: stateData(StateType.PENDING, "Pending", now, `runs again: ${why}`),
    now,
    run: factsFor(0, 0, undefined),
    rerun: true,
    force: completed,
  });
  if (decision.kind === "accept") enter(flow, snapshot, decision.state);
  snapshot.result = undefined;
  return undefined;
}

export function upstreamFailed(
  flow: FlowRunContext,
  snapshot: TaskRunSnapshot,
  message: string,
  prior: TaskRun | undefined,
): RunOutcome {
  const error = new OrdoError("ORDO_UPSTREAM_FAILED", message, { taskRunId: snapshot.id });
  const state = stateData(StateType.FAILED, "Failed", Date.now(), message, errorInfo(error));
  if (prior !== undefined && prior.state.type === StateType.COMPLETED) {
    // Leaving a completed state needs the engine's explicit decision.
    snapshot.result = undefined;
  }
  enter(flow, snapshot, state);
  return { state, flowRunId: flow.flowRunId, taskRunId: snapshot.id, hasValue: false, error };
}
