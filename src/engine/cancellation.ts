/**
 * Cancelling a flow run from inside its process: the heartbeat's answer says the server
 * has the run Cancelling (a request from the UI, the CLI or the API), or the run's parent
 * flow run was cancelled in the same process. The engine then aborts the run's
 * cancellation signal; see `FlowRunExecution`.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import { StateType } from "../states/index.js";

/** True when a heartbeat answer with this state type means "stop the run". */
export function isCancelRequest(stateType: StateType): boolean {
  return stateType === StateType.CANCELLING || stateType === StateType.CANCELLED;
}

/** The reason a cancellation signal is aborted with. */
export function cancelledError(flowRunId: string, why: string): OrdoError {
  return new OrdoError("ORDO_CANCELLED", `flow run ${flowRunId} was cancelled: ${why}`, { flowRunId });
}

/** Resolves once `signal` aborts (never, when it does not), without keeping the process alive. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

/** Waits for `settling`, but no longer than `ms`. */
export async function settledWithin(settling: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([settling, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
