/**
 * How a task run ends: persisting its result, entering its final state, committing it
 * (with `durability: "sync"`) and running its state hooks.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import { StateType, TASK_RULES, applyRules, type ResultRef, type StateData } from "../states/index.js";
import type { FlowRunContext } from "./context.js";
import type { StateHook, TaskDefinition } from "./definitions.js";
import { errorInfo, stateOf, type ResultReader, type RunOutcome } from "./outcome.js";
import type { TaskRunSnapshot } from "./recorder.js";
import { prepareValue, resultReader } from "./result-io.js";
import { enter, factsFor, messageOf, stateData } from "./task-run-states.js";
export type Completion = { ok: true; outcome: RunOutcome } | { ok: false; error: unknown };

/**
 * Persists the value and enters Completed; a value that must persist but cannot fails the
 * run. Synchronous unless the result goes to result storage.
 */
export function complete(
  def: TaskDefinition,
  flow: FlowRunContext,
  snapshot: TaskRunSnapshot,
  value: unknown,
): Completion | Promise<Completion> {
  const options = def.options;
  if (options.persistResult === false) return completed(def, flow, snapshot, value, undefined);
  const prepared = prepareValue(value, flow.config, options.resultSerializer, options.resultStorage);
  if (!prepared.ok) {
    if (options.persistResult === true) {
      return {
        ok: false,
        error: new OrdoError(
          "ORDO_RESULT_NOT_SERIALIZABLE",
          `task '${def.name}' returned a value that cannot be persisted (${prepared.reason}); persistResult: true requires it`,
          { task: def.name },
        ),
      };
    }
    if (!flow.notResumableWarned.has(def.key)) {
      flow.notResumableWarned.add(def.key);
      flow.logger.warning(
        `task '${def.name}' returned a value that cannot be persisted (${prepared.reason}): its runs are not resumable`,
      );
    }
    return completed(def, flow, snapshot, value, undefined);
  }
  const write = prepared.write;
  if (write === undefined) return completed(def, flow, snapshot, value, prepared.ref);
  return write.storage.write(write.key, write.bytes).then(
    () => completed(def, flow, snapshot, value, prepared.ref),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

export function completed(
  def: TaskDefinition,
  flow: FlowRunContext,
  snapshot: TaskRunSnapshot,
  value: unknown,
  ref: ResultRef | undefined,
): Completion {
  snapshot.result = ref;
  const now = Date.now();
  const decision = applyRules(TASK_RULES, {
    initial: snapshot.state,
    proposed: { type: StateType.COMPLETED, name: "Completed", timestamp: now },
    now,
    run: factsFor(snapshot.runCount, 0, def),
  });
  const state =
    decision.kind === "accept"
      ? decision.state
      : { type: StateType.COMPLETED, name: "Completed" as const, timestamp: now };
  enter(flow, snapshot, state);
  const keep = def.options.cacheResultInMemory !== false;
  return {
    ok: true,
    outcome: keep
      ? { state, flowRunId: flow.flowRunId, taskRunId: snapshot.id, hasValue: true, value, result: ref }
      : { state, flowRunId: flow.flowRunId, taskRunId: snapshot.id, hasValue: false, result: ref },
  };
}

export async function finalFailure(
  def: TaskDefinition,
  flow: FlowRunContext,
  snapshot: TaskRunSnapshot,
  error: unknown,
  state: StateData | undefined,
): Promise<RunOutcome> {
  const final =
    state ?? stateData(StateType.FAILED, "Failed", Date.now(), messageOf(error), errorInfo(error));
  enter(flow, snapshot, final);
  const line = `task run '${snapshot.name}' ${final.name}: ${final.message ?? messageOf(error)}`;
  // A task run cancelled with its flow run did not fail: the flow run's cancellation is the news.
  if (final.type === StateType.CANCELLED) flow.logger.warning(line);
  else flow.logger.error(line);
  const outcome: RunOutcome = {
    state: final,
    flowRunId: flow.flowRunId,
    taskRunId: snapshot.id,
    hasValue: false,
    error,
  };
  const read =
    def.options.resultStorage === undefined
      ? flow.read
      : resultReader(flow.config, def.options.resultStorage);
  return finish(def, flow, snapshot, outcome, read);
}

/** Commits (with `durability: "sync"`) and runs the state hooks; synchronous when there is neither. */
export function finish(
  def: TaskDefinition,
  flow: FlowRunContext,
  snapshot: TaskRunSnapshot,
  outcome: RunOutcome,
  read: ResultReader,
): RunOutcome | Promise<RunOutcome> {
  const sync = (def.options.durability ?? flow.durability) === "sync";
  // A task run cancelled with its flow run did not fail: neither hook list runs.
  const type = outcome.state.type;
  const hooks =
    type === StateType.COMPLETED
      ? def.options.onCompletion
      : type === StateType.CANCELLED
        ? undefined
        : def.options.onFailure;
  if (!sync && (hooks === undefined || hooks.length === 0)) return outcome;
  return (async () => {
    if (sync) await flow.recorder.flush();
    await runHooks(hooks, flow, snapshot, outcome, read);
    return outcome;
  })();
}

export async function runHooks(
  hooks: readonly StateHook[] | undefined,
  flow: FlowRunContext,
  snapshot: TaskRunSnapshot,
  outcome: RunOutcome,
  read: ResultReader,
): Promise<void> {
  if (hooks === undefined || hooks.length === 0) return;
  const state = stateOf(outcome, read);
  for (const hook of hooks) {
    try {
      await hook(state, { id: snapshot.id, name: snapshot.name, flowRunId: flow.flowRunId });
    } catch (error) {
      flow.logger.error(`a hook of task run '${snapshot.name}' failed: ${String(error)}`);
    }
  }
}
