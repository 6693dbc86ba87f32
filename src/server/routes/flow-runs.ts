/**
 * `/api/flows` and `/api/flow_runs`: create, read, filter, propose states, start a claimed
 * run, heartbeat.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import * as api from "../../api/index.js";
import {
  FlowEnsureSchema,
  FlowFilterSchema,
  FlowRunCreateSchema,
  FlowRunFilterSchema,
  FlowRunHeartbeatAnswerSchema,
  FlowRunSchema,
  FlowSchema,
  IdParamSchema,
  MarkedRunsSchema,
  SetFlowRunStateBodySchema,
  SetStateResultSchema,
  StartFlowRunBodySchema,
  StateDataSchema,
} from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer, jsonBody } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const tags = ["Flow runs"];

const ensureFlow = createRoute({
  method: "post",
  path: "/api/flows",
  tags: ["Flows"],
  summary: "Create a flow if it does not exist, and return it",
  request: { body: jsonBody(FlowEnsureSchema) },
  responses: { 200: jsonAnswer(FlowSchema, "The flow"), ...ERROR_ANSWERS },
});

const readFlow = createRoute({
  method: "get",
  path: "/api/flows/{name}",
  tags: ["Flows"],
  summary: "Read a flow by name, with its parameter JSON Schema",
  request: { params: z.object({ name: z.string().min(1).max(200) }) },
  responses: { 200: jsonAnswer(FlowSchema, "The flow"), ...ERROR_ANSWERS },
});

const filterFlows = createRoute({
  method: "post",
  path: "/api/flows/filter",
  tags: ["Flows"],
  summary: "List flows by name, with their parameter JSON Schemas",
  request: { body: jsonBody(FlowFilterSchema) },
  responses: { 200: jsonAnswer(z.array(FlowSchema), "The flows, A to Z"), ...ERROR_ANSWERS },
});

const deleteFlowRun = createRoute({
  method: "delete",
  path: "/api/flow_runs/{id}",
  tags,
  summary: "Delete a flow run with its states, task runs and logs (not while it may be executing)",
  request: { params: IdParamSchema },
  responses: { 204: { description: "Deleted" }, ...ERROR_ANSWERS },
});

const createFlowRun = createRoute({
  method: "post",
  path: "/api/flow_runs",
  tags,
  summary: "Create a flow run",
  description:
    "A given `id` that exists returns that run unchanged, so a retried request never makes a second run.",
  request: { body: jsonBody(FlowRunCreateSchema) },
  responses: { 201: jsonAnswer(FlowRunSchema, "The created (or existing) flow run"), ...ERROR_ANSWERS },
});

const readFlowRun = createRoute({
  method: "get",
  path: "/api/flow_runs/{id}",
  tags,
  summary: "Read a flow run",
  request: { params: IdParamSchema },
  responses: { 200: jsonAnswer(FlowRunSchema, "The flow run"), ...ERROR_ANSWERS },
});

const filterFlowRuns = createRoute({
  method: "post",
  path: "/api/flow_runs/filter",
  tags,
  summary: "List flow runs, newest first",
  request: { body: jsonBody(FlowRunFilterSchema) },
  responses: { 200: jsonAnswer(z.array(FlowRunSchema), "The matching flow runs"), ...ERROR_ANSWERS },
});

const readStates = createRoute({
  method: "get",
  path: "/api/flow_runs/{id}/states",
  tags,
  summary: "A flow run's state history, oldest first",
  request: { params: IdParamSchema },
  responses: { 200: jsonAnswer(z.array(StateDataSchema), "The states"), ...ERROR_ANSWERS },
});

const setState = createRoute({
  method: "post",
  path: "/api/flow_runs/{id}/set_state",
  tags,
  summary: "Propose a new state; the orchestration rules decide",
  description:
    "Answers ACCEPT (possibly with a different state, e.g. AwaitingRetry), REJECT (with the run's state and a reason) or WAIT (with `delayMs`).",
  request: { params: IdParamSchema, body: jsonBody(SetFlowRunStateBodySchema) },
  responses: { 200: jsonAnswer(SetStateResultSchema, "The decision"), ...ERROR_ANSWERS },
});

const start = createRoute({
  method: "post",
  path: "/api/flow_runs/{id}/start",
  tags,
  summary: "Start a claimed or Scheduled run: Pending (with its process), then Running",
  description:
    "What the process that takes a run (a worker's or serve process's child) calls: the orchestration rules decide Pending, recorded with the process's host and pid, then Running, each with its own state-history row. Answers the Running decision, or the first decision that was not an ACCEPT: REJECT for a run that is neither claimed (InfrastructurePending) nor Scheduled, WAIT for a run scheduled later. An `idempotencyKey` sent again answers ACCEPT with the run's state and writes nothing.",
  request: { params: IdParamSchema, body: jsonBody(StartFlowRunBodySchema) },
  responses: { 200: jsonAnswer(SetStateResultSchema, "The decision"), ...ERROR_ANSWERS },
});

const heartbeat = createRoute({
  method: "post",
  path: "/api/flow_runs/{id}/heartbeat",
  tags,
  summary: "Record that the process running the flow run is alive",
  request: { params: IdParamSchema },
  responses: {
    200: jsonAnswer(FlowRunHeartbeatAnswerSchema, "Recorded; the run's current state"),
    ...ERROR_ANSWERS,
  },
});

const markCrashed = createRoute({
  method: "post",
  path: "/api/flow_runs/mark_crashed",
  tags,
  summary: "Mark Crashed the runs whose process is gone",
  responses: { 200: jsonAnswer(MarkedRunsSchema, "The ids marked Crashed"), ...ERROR_ANSWERS },
});

/** Registers the flow and flow-run routes. */
export function registerFlowRunRoutes(app: OrdoApp, deps: ServerDeps): void {
  const { store } = deps;
  app.openapi(ensureFlow, async (c) => c.json(await api.ensureFlow(store, c.req.valid("json")), 200));
  app.openapi(filterFlows, async (c) => c.json(await api.readFlows(store, c.req.valid("json")), 200));
  app.openapi(readFlow, async (c) => c.json(await api.readFlow(store, c.req.valid("param").name), 200));
  app.openapi(createFlowRun, async (c) =>
    c.json(await api.createValidFlowRun(store, c.req.valid("json")), 201),
  );
  app.openapi(filterFlowRuns, async (c) => c.json(await api.readFlowRuns(store, c.req.valid("json")), 200));
  app.openapi(markCrashed, async (c) => {
    await api.failExpiredPausedRuns(store, Date.now()); // as the EmbeddedClient does
    return c.json({ ids: await api.markCrashedRuns(store) }, 200);
  });
  app.openapi(readFlowRun, async (c) => c.json(await api.readFlowRun(store, c.req.valid("param").id), 200));
  app.openapi(deleteFlowRun, async (c) => {
    await api.deleteFlowRun(store, c.req.valid("param").id);
    return c.body(null, 204);
  });
  app.openapi(readStates, async (c) =>
    c.json(await api.readFlowRunStates(store, c.req.valid("param").id), 200),
  );
  app.openapi(setState, async (c) => {
    const { state, ...options } = c.req.valid("json");
    return c.json(await api.setValidFlowRunState(store, c.req.valid("param").id, state, options), 200);
  });
  app.openapi(start, async (c) =>
    c.json(await api.startFlowRun(store, c.req.valid("param").id, c.req.valid("json")), 200),
  );
  app.openapi(heartbeat, async (c) => {
    return c.json(await api.heartbeatFlowRun(store, c.req.valid("param").id), 200);
  });
}
