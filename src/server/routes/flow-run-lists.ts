/**
 * `/api/flow_runs/paginate|count|history` and `/api/flow_runs/{id}/graph`: what the UI
 * lists, counts and draws.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import * as api from "../../api/index.js";
import {
  FlowRunCountRequestSchema,
  FlowRunCountSchema,
  FlowRunFilterSchema,
  FlowRunGraphQuerySchema,
  FlowRunGraphSchema,
  FlowRunHistoryRequestSchema,
  FlowRunPageSchema,
  HistoryBucketSchema,
  IdParamSchema,
} from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer, jsonBody } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const tags = ["Flow runs"];

const paginate = createRoute({
  method: "post",
  path: "/api/flow_runs/paginate",
  tags,
  summary: "One page of flow runs and the cursor of the next (keyset pagination)",
  request: { body: jsonBody(FlowRunFilterSchema) },
  responses: { 200: jsonAnswer(FlowRunPageSchema, "The page"), ...ERROR_ANSWERS },
});

const count = createRoute({
  method: "post",
  path: "/api/flow_runs/count",
  tags,
  summary: 'Count flow runs, up to a cap (`capped: true` reads as "10,000+")',
  request: { body: jsonBody(FlowRunCountRequestSchema) },
  responses: { 200: jsonAnswer(FlowRunCountSchema, "The count"), ...ERROR_ANSWERS },
});

const history = createRoute({
  method: "post",
  path: "/api/flow_runs/history",
  tags,
  summary: "Flow runs by state type per time bucket (by expected start time), for charts",
  request: { body: jsonBody(FlowRunHistoryRequestSchema) },
  responses: { 200: jsonAnswer(z.array(HistoryBucketSchema), "The buckets, oldest first"), ...ERROR_ANSWERS },
});

const graph = createRoute({
  method: "get",
  path: "/api/flow_runs/{id}/graph",
  tags,
  summary: "The run graph: task runs and subflows as nodes, data, waitFor and nesting as edges",
  description:
    "Paged in creation order: pass `nextCursor` as `cursor` for the next page. Nodes are arrays in the order of `columns`.",
  request: { params: IdParamSchema, query: FlowRunGraphQuerySchema },
  responses: { 200: jsonAnswer(FlowRunGraphSchema, "One page of the graph"), ...ERROR_ANSWERS },
});

/** Registers the list, count, history and graph routes. */
export function registerFlowRunListRoutes(app: OrdoApp, { store }: ServerDeps): void {
  app.openapi(paginate, async (c) => c.json(await api.readFlowRunPage(store, c.req.valid("json")), 200));
  app.openapi(count, async (c) => c.json(await api.countFlowRuns(store, c.req.valid("json")), 200));
  app.openapi(history, async (c) => c.json(await api.flowRunHistory(store, c.req.valid("json")), 200));
  app.openapi(graph, async (c) =>
    c.json(await api.readFlowRunGraph(store, c.req.valid("param").id, c.req.valid("query")), 200),
  );
}
