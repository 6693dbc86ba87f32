/**
 * Cancelling flow runs. A run that has no process yet (Scheduled, Paused) is Cancelled
 * at once; a run with a process goes Cancelling, and the worker or serve process that
 * started it kills its process group and then finishes the cancellation. Unfinished
 * subflow runs follow their parent.
 *
 * @module
 */
import type { FlowRun } from "../schemas/index.js";
import { StateType, isTerminalType, type StateData } from "../states/index.js";
import type { FlowRunTransition, Store } from "../store/index.js";
import { OrdoError } from "../errors/index.js";
import { notFound } from "./errors.js";
import { decideFlowRunState } from "./flow-run-state.js";

const NO_PROCESS = new Set<string>([StateType.SCHEDULED, StateType.PAUSED]);

function transitionTo(
  store: Store,
  id: string,
  state: StateData,
  when: (run: FlowRun) => boolean,
): Promise<FlowRun | undefined> {
  const now = state.timestamp;
  return store.transitionFlowRun(id, (run): FlowRunTransition<FlowRun> => {
    if (!when(run)) return { outcome: run };
    const decided = decideFlowRunState(run, state, { force: true }, now);
    return { outcome: { ...run, state: decided.write?.state ?? run.state }, write: decided.write };
  });
}

async function cascadeToSubflows(store: Store, parentId: string, message: string, depth = 0): Promise<void> {
  if (depth > 20) return;
  const children = await store.records.flowRunQueries.page({
    parentFlowRunId: parentId,
    sort: "NEWEST",
    limit: 1000,
    offset: 0,
  });
  for (const child of children.items) {
    if (isTerminalType(child.state.type)) continue;
    await transitionTo(
      store,
      child.id,
      { type: StateType.CANCELLED, name: "Cancelled", timestamp: Date.now(), message },
      (run) => !isTerminalType(run.state.type),
    );
    await cascadeToSubflows(store, child.id, message, depth + 1);
  }
}

/**
 * Records the process (host and pid) that runs a flow run, e.g. the child a worker
 * started, so that crash detection knows when it is gone. `ORDO_NOT_FOUND` for an
 * unknown id.
 */
export async function attachFlowRunProcess(
  store: Store,
  id: string,
  host: string,
  pid: number,
): Promise<void> {
  if (!(await store.records.claims.setProcess(id, host, pid, Date.now()))) throw notFound("flow run", id);
}

/**
 * Cancels a flow run: Scheduled or Paused → Cancelled (with its subflows); Pending or
 * Running → Cancelling, for its worker to kill. Cancelling again is harmless. Throws
 * `ORDO_NOT_FOUND` for an unknown id and `ORDO_INVALID_TRANSITION` for a finished run.
 *
 * @example
 * ```ts
 * const run = await cancelFlowRun(store, id); // run.state.name: "Cancelling" or "Cancelled"
 * ```
 */
export async function cancelFlowRun(
  store: Store,
  id: string,
  reason = "cancelled by request",
): Promise<FlowRun> {
  const run = await store.readFlowRun(id);
  if (run === undefined) throw notFound("flow run", id);
  if (isTerminalType(run.state.type)) {
    throw new OrdoError(
      "ORDO_INVALID_TRANSITION",
      `flow run ${id} is already ${run.state.name}: nothing to cancel`,
      {
        flowRunId: id,
        state: run.state.name,
      },
    );
  }
  const now = Date.now();
  if (NO_PROCESS.has(run.state.type)) {
    const done = await transitionTo(
      store,
      id,
      { type: StateType.CANCELLED, name: "Cancelled", timestamp: now, message: reason },
      (current) => NO_PROCESS.has(current.state.type),
    );
    if (done !== undefined && done.state.type === StateType.CANCELLED) {
      await cascadeToSubflows(store, id, `parent flow run ${id} was cancelled`);
      return done;
    }
  }
  const cancelling = await transitionTo(
    store,
    id,
    { type: StateType.CANCELLING, name: "Cancelling", timestamp: now, message: reason },
    (current) => !isTerminalType(current.state.type) && current.state.type !== StateType.CANCELLING,
  );
  if (cancelling === undefined) throw notFound("flow run", id);
  return cancelling;
}

/**
 * Ends a cancellation once the run's process is gone: Cancelling (or any unfinished
 * state) → Cancelled, with its unfinished task runs and subflow runs.
 */
export async function finishCancellation(
  store: Store,
  id: string,
  message = "the run's process was stopped",
): Promise<FlowRun> {
  const done = await transitionTo(
    store,
    id,
    { type: StateType.CANCELLED, name: "Cancelled", timestamp: Date.now(), message },
    (run) => !isTerminalType(run.state.type),
  );
  if (done === undefined) throw notFound("flow run", id);
  await cascadeToSubflows(store, id, `parent flow run ${id} was cancelled`);
  return done;
}
