/**
 * Paused runs past their deadline: a Paused run's own process fails it when its pause
 * times out, but a Suspended run has no process (and a Paused one may have lost it), so
 * the server's services (and the embedded client, now and then) fail them here.
 *
 * @module
 */
import type { FlowRun } from "../schemas/index.js";
import { StateType, type StateData } from "../states/index.js";
import type { FlowRunTransition, Store } from "../store/index.js";
import { flowRunStateEvent } from "./events.js";
import { runTimesAfter } from "./run-times.js";

/** The message of a run whose pause timed out. */
export function pauseTimeoutMessage(run: Pick<FlowRun, "state" | "pause">): string {
  const seconds =
    run.pause === undefined ? 0 : Math.round((run.pause.timeoutAt - run.state.timestamp) / 1000);
  return `paused run was not resumed within ${seconds} s`;
}

/** Fails `run` when it is still PAUSED and its pause timed out before `now` (pure). */
export function decidePauseExpiry(run: FlowRun, now: number): FlowRunTransition<StateData | undefined> {
  if (run.state.type !== StateType.PAUSED || run.pause === undefined || now <= run.pause.timeoutAt) {
    return { outcome: undefined };
  }
  const state: StateData = {
    type: StateType.FAILED,
    name: "Failed",
    timestamp: now,
    message: pauseTimeoutMessage(run),
    error: { name: "OrdoError", message: pauseTimeoutMessage(run), code: "ORDO_PAUSE_TIMED_OUT" },
  };
  return {
    outcome: state,
    write: {
      state,
      ...runTimesAfter(run, run.state, state),
      updatedAt: now,
      unfinishedTaskRunsState: undefined,
      events: [flowRunStateEvent(run, state, run.state, now)],
    },
  };
}

/**
 * Fails the PAUSED flow runs (Paused or Suspended) whose pause timed out before `now`,
 * with the message "paused run was not resumed within N s". Returns their ids.
 *
 * @example
 * ```ts
 * const failed = await failExpiredPausedRuns(store, Date.now());
 * ```
 */
export async function failExpiredPausedRuns(store: Store, now: number = Date.now()): Promise<string[]> {
  const failed: string[] = [];
  // Only runs whose pause had timed out when read are locked, and checked again in the lock.
  for (const id of await store.readPausedFlowRunsDue(now)) {
    const state = await store.transitionFlowRun(id, (run) => decidePauseExpiry(run, now));
    if (state !== undefined) failed.push(id);
  }
  return failed;
}
