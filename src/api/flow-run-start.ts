/**
 * Starting a claimed flow run in one request: the process that takes the run (a worker's
 * or `serve` process's child) asks for Pending, then Running, and the server applies
 * both through the flow-run rules, each in its own write transaction with its own
 * state-history row. The process's host and pid are recorded with Pending, so that
 * cancellation and crash detection know it before the flow's code runs.
 *
 * @module
 */
import {
  StartFlowRunBodySchema,
  type FlowRun,
  type SetStateResult,
  type StartFlowRunBody,
} from "../schemas/index.js";
import { StateType, type StateData } from "../states/index.js";
import type { FlowRunTransition, Store } from "../store/index.js";
import { notFound, parseInput } from "./errors.js";
import { decideFlowRunState } from "./flow-run-state.js";

/** What the Pending step says: stop with this answer, or go on to Running. */
type PendingStep = { readonly stop: SetStateResult } | { readonly stop?: undefined };

const GO_ON: PendingStep = {};

function isStartedPending(state: StateData): boolean {
  return state.type === StateType.PENDING && state.name === "Pending";
}

/** Pending, with the process: for a Scheduled or claimed (InfrastructurePending) run. */
function decidePending(
  run: FlowRun,
  process: { host: string; pid: number },
  now: number,
): FlowRunTransition<PendingStep> {
  const waiting = run.state.type === StateType.SCHEDULED;
  const claimed = run.state.type === StateType.PENDING && !isStartedPending(run.state);
  // Already Pending (a retried request), Running (replayed below) or elsewhere (refused below).
  if (!waiting && !claimed) return { outcome: GO_ON };
  const decided = decideFlowRunState(
    run,
    { type: StateType.PENDING, name: "Pending", timestamp: now },
    {},
    now,
  );
  if (decided.write === undefined) return { outcome: { stop: decided.outcome } };
  return { outcome: GO_ON, write: { ...decided.write, process } };
}

/** Running, from Pending only: a run cancelled or taken meanwhile is not started. */
function decideRunning(
  run: FlowRun,
  process: { host: string; pid: number },
  now: number,
): FlowRunTransition<SetStateResult> {
  if (!isStartedPending(run.state)) {
    return {
      outcome: {
        status: "REJECT",
        state: run.state,
        reason: `the run is ${run.state.name}: only a claimed or Scheduled run is started`,
        runCount: run.runCount,
      },
    };
  }
  return decideFlowRunState(
    run,
    { type: StateType.RUNNING, name: "Running", timestamp: now },
    { process },
    now,
  );
}

/**
 * Starts a flow run that is claimed (InfrastructurePending) or Scheduled: Pending, with
 * the process that runs it, then Running, both decided by the flow-run rules (a
 * Scheduled run waits for its time; a rerun is named Retrying). Answers the Running
 * decision, or the first decision that was not an ACCEPT: REJECT for a run that is
 * neither claimed nor Scheduled (cancelled meanwhile, started by another process), WAIT
 * for a run scheduled later. With the `idempotencyKey` of a start that went through, it
 * answers ACCEPT with the run's state and writes nothing. Throws `ORDO_NOT_FOUND` for an
 * unknown id and `ORDO_INVALID_INPUT` for an invalid body.
 *
 * @example
 * ```ts
 * const started = await startFlowRun(store, run.id, { process: { host: hostname(), pid: process.pid } });
 * if (started.status === "ACCEPT") console.log(started.state.name); // "Running"
 * ```
 */
export async function startFlowRun(
  store: Store,
  id: string,
  input: StartFlowRunBody,
): Promise<SetStateResult> {
  const { process, idempotencyKey: key } = parseInput(StartFlowRunBodySchema, input, "start");
  const now = Date.now();
  const pending = await store.transitionFlowRun(
    id,
    (run) => decidePending(run, process, now),
    key === undefined ? undefined : { key: `${key}/pending`, replay: () => GO_ON },
  );
  if (pending === undefined) throw notFound("flow run", id);
  if (pending.stop !== undefined) return pending.stop;
  const running = await store.transitionFlowRun(
    id,
    (run) => decideRunning(run, process, Date.now()),
    key === undefined
      ? undefined
      : {
          key,
          replay: (run): SetStateResult => ({ status: "ACCEPT", state: run.state, runCount: run.runCount }),
        },
  );
  if (running === undefined) throw notFound("flow run", id);
  return running;
}
