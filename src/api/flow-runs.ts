/**
 * Flow runs: creating, reading and heartbeating them. State changes are in
 * `flow-run-state.ts`.
 *
 * @module
 */
import {
  FlowRunCreateSchema,
  FlowRunFilterSchema,
  type FlowRun,
  type FlowRunCreate,
  type FlowRunFilter,
} from "../schemas/index.js";
import { StateType, type StateData } from "../states/index.js";
import type { Store } from "../store/index.js";
import { uuid7 } from "../ids/uuid7.js";
import { notFound, parseInput } from "./errors.js";
import { flowRunStateEvent } from "./events.js";
import { runTimesAfter } from "./run-times.js";

/**
 * Creates a flow run, in state Pending unless a state is given, creating its flow when
 * needed. A given `id` that already exists returns that run unchanged (creation is
 * idempotent, so a retried request does no harm).
 *
 * @example
 * ```ts
 * const run = await createFlowRun(store, { flowName: "etl", name: "brave-otter", parameters: { n: 1 } });
 * ```
 */
export async function createFlowRun(store: Store, input: FlowRunCreate): Promise<FlowRun> {
  const create = parseInput(FlowRunCreateSchema, input, "flow run");
  const now = Date.now();
  const state: StateData = create.state ?? { type: StateType.PENDING, name: "Pending", timestamp: now };
  const times = runTimesAfter({ runCount: 0, totalRunTimeMs: 0 }, undefined, state);
  const id = create.id ?? uuid7(now);
  const subject = { id, name: create.name, flowName: create.flowName, tags: create.tags };
  const { run } = await store.createFlowRun({
    id,
    flowName: create.flowName,
    name: create.name,
    state,
    parameters: create.parameters,
    tags: create.tags,
    retries: create.retries,
    runCount: times.runCount,
    parentFlowRunId: create.parentFlowRunId,
    parentTaskRunId: create.parentTaskRunId,
    dynamicKey: create.dynamicKey,
    expectedStartTime: state.scheduledTime ?? state.timestamp,
    startTime: times.startTime,
    endTime: times.endTime,
    host: create.host,
    pid: create.pid,
    entrypoint: create.entrypoint,
    flowVersion: create.flowVersion,
    createdAt: now,
    events: [flowRunStateEvent(subject, state, undefined, now)],
  });
  return run;
}

/** Reads one flow run; throws `ORDO_NOT_FOUND` for an unknown id. */
export async function readFlowRun(store: Store, id: string): Promise<FlowRun> {
  const run = await store.readFlowRun(id);
  if (run === undefined) throw notFound("flow run", id);
  return run;
}

/** Reads flow runs, newest first; the filter's defaults apply (limit 100). */
export async function readFlowRuns(store: Store, filter: FlowRunFilter = {}): Promise<FlowRun[]> {
  return store.readFlowRuns(parseInput(FlowRunFilterSchema, filter, "flow-run filter"));
}

/** A flow run's state history, oldest first; throws `ORDO_NOT_FOUND` for an unknown id. */
export async function readFlowRunStates(store: Store, id: string): Promise<StateData[]> {
  const states = await store.readFlowRunStates(id);
  if (states.length === 0 && (await store.readFlowRun(id)) === undefined) throw notFound("flow run", id);
  return states;
}

/** Records that the process running the flow run is alive; throws `ORDO_NOT_FOUND` for an unknown id. */
export async function heartbeatFlowRun(store: Store, id: string): Promise<void> {
  if (!(await store.heartbeatFlowRun(id, Date.now()))) throw notFound("flow run", id);
}
