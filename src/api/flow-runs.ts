/**
 * Flow runs: creating, reading and heartbeating them. State changes are in
 * `flow-run-state.ts`.
 *
 * @module
 */
import type { z } from "zod";
import {
  FlowRunCountRequestSchema,
  FlowRunGraphQuerySchema,
  FlowRunHistoryRequestSchema,
  type FlowRunCount,
  type FlowRunGraph,
  type FlowRunPage,
  type HistoryBucket,
  FlowRunCreateSchema,
  FlowRunFilterSchema,
  type FlowRun,
  type FlowRunCreate,
  type FlowRunFilter,
  type FlowRunHeartbeatAnswer,
} from "../schemas/index.js";
import { StateType, type StateData, type StateName } from "../states/index.js";
import type { Store } from "../store/index.js";
import { uuid7 } from "../ids/uuid7.js";
import { OrdoError } from "../errors/index.js";
import { notFound, parseInput } from "./errors.js";
import { jsonSchemaIssues } from "./json-schema-validation.js";
import { unexpectedParameterIssues } from "./unexpected-parameters.js";
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
  return createValidFlowRun(store, parseInput(FlowRunCreateSchema, input, "flow run"));
}

/**
 * {@link createFlowRun} for a create already parsed with `FlowRunCreateSchema` (the
 * server's route has validated its body), so it is not parsed twice.
 *
 * @example
 * ```ts
 * const run = await createValidFlowRun(store, FlowRunCreateSchema.parse({ flowName: "etl", name: "brave-otter" }));
 * ```
 */
export async function createValidFlowRun(
  store: Store,
  create: z.output<typeof FlowRunCreateSchema>,
): Promise<FlowRun> {
  if (create.validateParameters === true) await validateParameters(store, create.flowName, create.parameters);
  return (await insertFlowRun(store, create)).run;
}

/** A flow run to insert, validated: the fields of a create plus where the run comes from. */
export type FlowRunInsert = Omit<z.output<typeof FlowRunCreateSchema>, "validateParameters"> & {
  readonly deploymentId?: string | undefined;
  readonly scheduleId?: string | undefined;
  readonly workQueueId?: string | undefined;
  readonly jobVariables?: Record<string, unknown> | undefined;
};

/**
 * Inserts a validated flow run (state Pending unless given) with its first state and its
 * creation event; an existing id returns that run with `created: false`.
 */
export async function insertFlowRun(
  store: Store,
  create: FlowRunInsert,
  now: number = Date.now(),
): Promise<{ run: FlowRun; created: boolean }> {
  const state: StateData = create.state ?? { type: StateType.PENDING, name: "Pending", timestamp: now };
  const times = runTimesAfter({ runCount: 0, totalRunTimeMs: 0 }, undefined, state);
  const id = create.id ?? uuid7(now);
  const subject = { id, name: create.name, flowName: create.flowName, tags: create.tags };
  return store.createFlowRun({
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
    deploymentId: create.deploymentId,
    scheduleId: create.scheduleId,
    workQueueId: create.workQueueId,
    jobVariables: create.jobVariables,
    createdAt: now,
    events: [flowRunStateEvent(subject, state, undefined, now)],
  });
}

/** Checks `parameters` against the flow's stored JSON Schema: `ORDO_INVALID_PARAMETERS` naming each field. */
async function validateParameters(
  store: Store,
  flowName: string,
  parameters: Record<string, unknown>,
): Promise<void> {
  const schema = await store.records.flowSchemas.get(flowName);
  if (schema === undefined) return;
  checkParameters(schema, parameters, flowName);
}

/** Checks `parameters` against `schema`: `ORDO_INVALID_PARAMETERS` naming each field. */
export function checkParameters(
  schema: Record<string, unknown>,
  parameters: Record<string, unknown>,
  flowName: string,
  options: { readonly partial?: boolean } = {},
): void {
  // Partial: a deployment's defaults need not hold every required parameter (its runs add them).
  const issues = [
    ...unexpectedParameterIssues(schema, parameters, flowName),
    ...jsonSchemaIssues(schema, parameters, "parameterSchema").filter(
      (issue) => options.partial !== true || !issue.message.startsWith("must have required property"),
    ),
  ];
  const first = issues[0];
  if (first === undefined) return;
  throw new OrdoError(
    "ORDO_INVALID_PARAMETERS",
    `invalid parameters for flow ${flowName}: ${first.path === "" ? "" : `${first.path}: `}${first.message}`,
    { flow: flowName, issues },
  );
}

/** Reads one flow run; throws `ORDO_NOT_FOUND` for an unknown id. */
export async function readFlowRun(store: Store, id: string): Promise<FlowRun> {
  const run = await store.readFlowRun(id);
  if (run === undefined) throw notFound("flow run", id);
  return run;
}

/** Reads flow runs, newest first; the filter's defaults apply (limit 100). */
export async function readFlowRuns(store: Store, filter: FlowRunFilter = {}): Promise<FlowRun[]> {
  return (await readFlowRunPage(store, filter)).items;
}

/**
 * One page of flow runs (sorted NEWEST, OLDEST or by NAME) and the cursor of the next.
 *
 * @example
 * ```ts
 * let page = await readFlowRunPage(store, { stateTypes: ["FAILED"], limit: 50 });
 * while (page.nextCursor) page = await readFlowRunPage(store, { stateTypes: ["FAILED"], limit: 50, cursor: page.nextCursor });
 * ```
 */
export async function readFlowRunPage(store: Store, filter: FlowRunFilter = {}): Promise<FlowRunPage> {
  return store.records.flowRunQueries.page(parseInput(FlowRunFilterSchema, filter, "flow-run filter"));
}

/** How many flow runs match, counting no further than `cap` (default 10 000). */
export async function countFlowRuns(
  store: Store,
  request: z.input<typeof FlowRunCountRequestSchema> = {},
): Promise<FlowRunCount> {
  const { filter, cap } = parseInput(FlowRunCountRequestSchema, request, "flow-run count");
  return store.records.flowRunQueries.count(filter, cap);
}

/** Flow runs by state type per time bucket, by expected start time, for charts. */
export async function flowRunHistory(
  store: Store,
  request: z.input<typeof FlowRunHistoryRequestSchema>,
): Promise<HistoryBucket[]> {
  const { from, to, intervalSeconds, filter } = parseInput(
    FlowRunHistoryRequestSchema,
    request,
    "flow-run history",
  );
  return store.records.flowRunQueries.history(from, to, Math.round(intervalSeconds * 1000), filter);
}

/** One page of a flow run's graph; throws `ORDO_NOT_FOUND` for an unknown run. */
export async function readFlowRunGraph(
  store: Store,
  id: string,
  query: z.input<typeof FlowRunGraphQuerySchema> = {},
): Promise<FlowRunGraph> {
  const { cursor, limit } = parseInput(FlowRunGraphQuerySchema, query, "graph query");
  if (cursor === undefined && (await store.readFlowRun(id)) === undefined) throw notFound("flow run", id);
  return store.records.graphs.page(id, cursor, limit);
}

/** A flow run's state history, oldest first; throws `ORDO_NOT_FOUND` for an unknown id. */
export async function readFlowRunStates(store: Store, id: string): Promise<StateData[]> {
  const states = await store.readFlowRunStates(id);
  if (states.length === 0 && (await store.readFlowRun(id)) === undefined) throw notFound("flow run", id);
  return states;
}

/**
 * Records that the process running the flow run is alive and answers the run's state
 * (a Cancelling answer tells the process to stop the run); throws `ORDO_NOT_FOUND` for an
 * unknown id.
 */
export async function heartbeatFlowRun(store: Store, id: string): Promise<FlowRunHeartbeatAnswer> {
  const answer = await store.heartbeatFlowRun(id, Date.now());
  if (answer === undefined) throw notFound("flow run", id);
  return { state: { type: answer.stateType, name: answer.stateName as StateName } };
}
