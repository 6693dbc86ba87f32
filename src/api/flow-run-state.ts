/**
 * Flow-run state changes: the orchestration rules decide, the store persists the decision
 * atomically (run columns plus a state-history row, in one write transaction).
 *
 * @module
 */
import type { FlowRun, SetFlowRunStateOptions, SetStateResult } from "../schemas/index.js";
import { StateDataSchema } from "../schemas/index.js";
import {
  FLOW_RULES,
  StateType,
  applyRules,
  attemptsOf,
  type RunFacts,
  type StateData,
} from "../states/index.js";
import type { FlowRunTransition, Store } from "../store/index.js";
import { notFound, parseInput } from "./errors.js";
import { flowRunStateEvent } from "./events.js";
import { runTimesAfter } from "./run-times.js";
import { signalWork } from "./work-signal.js";

/** What the orchestration rules know of `run`; every retry is `retryDelayMs` away. */
export function runFactsOf(run: FlowRun, retryDelayMs: number): RunFacts {
  return {
    runCount: run.runCount,
    suspensions: run.suspensions,
    retries: run.retries,
    retryDelayMs: () => retryDelayMs,
  };
}

/**
 * Applies the flow-run rules to a proposed state for `run` at time `now`, and says what
 * to write: the accepted state (possibly a different one, e.g. AwaitingRetry for a failure
 * with retries left), the run's counters and times, and a COMPLETED run's result.
 * Pure: it runs inside the store's write transaction.
 */
export function decideFlowRunState(
  run: FlowRun,
  proposed: StateData,
  options: SetFlowRunStateOptions,
  now: number,
): FlowRunTransition<SetStateResult> {
  const retryDelayMs = options.retryDelayMs ?? 0;
  const decision = applyRules(FLOW_RULES, {
    initial: run.state,
    proposed,
    now,
    run: runFactsOf(run, retryDelayMs),
    retryable: options.retryable,
    rerun: options.rerun,
    force: options.force,
  });
  switch (decision.kind) {
    case "reject":
      return {
        outcome: {
          status: "REJECT",
          state: decision.state ?? run.state,
          reason: decision.reason,
          runCount: run.runCount,
        },
      };
    case "wait":
      return {
        outcome: {
          status: "WAIT",
          state: run.state,
          reason: decision.reason,
          delayMs: decision.delayMs,
          runCount: run.runCount,
        },
      };
    case "accept": {
      const state = decision.state;
      const times = runTimesAfter(run, run.state, state);
      return {
        outcome: { status: "ACCEPT", state, runCount: times.runCount },
        write: {
          state,
          ...times,
          result: state.type === StateType.COMPLETED ? options.result : undefined,
          updatedAt: now,
          pause: state.type === StateType.PAUSED ? options.pause : undefined,
          process: state.type === StateType.RUNNING ? options.process : undefined,
          // A crashed or cancelled flow run leaves no task run pretending to run.
          unfinishedTaskRunsState:
            state.type === StateType.CRASHED || state.type === StateType.CANCELLED ? state : undefined,
          events: [flowRunStateEvent(run, state, run.state, now)],
        },
      };
    }
  }
}

/**
 * Proposes a new state for a flow run. The flow-run rules decide (terminal states are
 * kept, failures with retries left become AwaitingRetry, a scheduled run waits for its
 * time, …) and an accepted state is persisted atomically. A proposal carrying the
 * `idempotencyKey` of the run's last accepted change is answered ACCEPT with the run's
 * state and writes nothing (a retried request). Throws `ORDO_NOT_FOUND` for an
 * unknown id and `ORDO_INVALID_INPUT` for an invalid state.
 *
 * @example
 * ```ts
 * const result = await setFlowRunState(store, run.id, { type: "RUNNING", name: "Running", timestamp: Date.now() });
 * if (result.status !== "ACCEPT") console.log(result.reason);
 * ```
 */
export async function setFlowRunState(
  store: Store,
  id: string,
  state: StateData,
  options: SetFlowRunStateOptions = {},
): Promise<SetStateResult> {
  return setValidFlowRunState(store, id, parseInput(StateDataSchema, state, "state"), options);
}

/**
 * {@link setFlowRunState} for a state already parsed with `StateDataSchema` (the server's
 * route has validated its body), so it is not parsed twice.
 *
 * @example
 * ```ts
 * const result = await setValidFlowRunState(store, run.id, StateDataSchema.parse(state));
 * ```
 */
export async function setValidFlowRunState(
  store: Store,
  id: string,
  proposed: StateData,
  options: SetFlowRunStateOptions = {},
): Promise<SetStateResult> {
  const now = Date.now();
  const key = options.idempotencyKey;
  const replay = (run: FlowRun): SetStateResult => ({
    status: "ACCEPT",
    state: run.state,
    runCount: run.runCount,
  });
  const result = await store.transitionFlowRun(
    id,
    (run) => decideFlowRunState(run, proposed, options, now),
    key === undefined ? undefined : { key, replay },
  );
  if (result === undefined) throw notFound("flow run", id);
  // However the crash was reported (its worker, its own signal handler), a deployment's
  // run with retries left goes back to its queue.
  if (result.status === "ACCEPT" && result.state.type === StateType.CRASHED) {
    await retryCrashedDeploymentRun(store, id, now);
  }
  // A run sent back to its queue (a retry, an operator's Scheduled) wakes waiting claims.
  if (result.status === "ACCEPT" && result.state.type === StateType.SCHEDULED) signalWork();
  return result;
}

/**
 * A crashed run of a deployment with retries left goes AwaitingRetry, due now, so that a
 * worker runs it again (reusing its completed tasks). Runs started by hand are retried
 * by hand (`ordo flow-run retry`).
 */
export async function retryCrashedDeploymentRun(store: Store, id: string, now: number): Promise<void> {
  const retried = await store.transitionFlowRun(id, (run): FlowRunTransition<boolean> => {
    const attempts = attemptsOf(run);
    const retriesLeft = attempts > 0 && attempts <= run.retries;
    if (run.state.type !== StateType.CRASHED || run.deploymentId === undefined || !retriesLeft) {
      return { outcome: false };
    }
    const retry: StateData = {
      type: StateType.SCHEDULED,
      name: "AwaitingRetry",
      timestamp: now,
      scheduledTime: now,
      message: `retry ${attempts} of ${run.retries} after a crash: ${run.state.message ?? "its process is gone"}`,
    };
    return { outcome: true, write: decideFlowRunState(run, retry, { rerun: true }, now).write };
  });
  if (retried === true) signalWork();
}
