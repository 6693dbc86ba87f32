/**
 * `/api/work_pools`: work pools, their queues and workers, and claims of due runs.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import * as api from "../../api/index.js";
import {
  ClaimedFlowRunSchema,
  WorkerHeartbeatSchema,
  WorkerSchema,
  WorkPoolClaimSchema,
  WorkPoolCreateSchema,
  WorkPoolSchema,
  WorkPoolSummariesRequestSchema,
  WorkPoolSummarySchema,
  WorkPoolUpdateSchema,
  WorkQueueCreateSchema,
  WorkQueueSchema,
  WorkQueueUpdateSchema,
} from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer, jsonBody } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const tags = ["Work pools"];
const Pool = z.object({ name: z.string().min(1).max(100) });
const PoolQueue = z.object({ name: z.string().min(1).max(100), queue: z.string().min(1).max(100) });
const PoolWorker = z.object({ name: z.string().min(1).max(100), worker: z.string().min(1).max(100) });
const Page = z.object({
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).max(100_000).default(0),
});

const routes = {
  create: createRoute({
    method: "post",
    path: "/api/work_pools",
    tags,
    summary: "Create a work pool (with its `default` queue)",
    request: { body: jsonBody(WorkPoolCreateSchema) },
    responses: { 201: jsonAnswer(WorkPoolSchema, "The pool"), ...ERROR_ANSWERS },
  }),
  filter: createRoute({
    method: "post",
    path: "/api/work_pools/filter",
    tags,
    summary: "List work pools by name",
    request: { body: jsonBody(Page) },
    responses: { 200: jsonAnswer(z.array(WorkPoolSchema), "The pools"), ...ERROR_ANSWERS },
  }),
  summaries: createRoute({
    method: "post",
    path: "/api/work_pools/summaries",
    tags,
    summary: "Queue counts and workers online and offline of the named pools (unknown names left out)",
    request: { body: jsonBody(WorkPoolSummariesRequestSchema) },
    responses: {
      200: jsonAnswer(z.array(WorkPoolSummarySchema), "The summaries, by name"),
      ...ERROR_ANSWERS,
    },
  }),
  read: createRoute({
    method: "get",
    path: "/api/work_pools/{name}",
    tags,
    summary: "Read a work pool, with its status",
    request: { params: Pool },
    responses: { 200: jsonAnswer(WorkPoolSchema, "The pool"), ...ERROR_ANSWERS },
  }),
  update: createRoute({
    method: "patch",
    path: "/api/work_pools/{name}",
    tags,
    summary: "Change a work pool (pause, resume, limit, template)",
    request: { params: Pool, body: jsonBody(WorkPoolUpdateSchema) },
    responses: { 200: jsonAnswer(WorkPoolSchema, "The pool"), ...ERROR_ANSWERS },
  }),
  delete: createRoute({
    method: "delete",
    path: "/api/work_pools/{name}",
    tags,
    summary: "Delete a work pool with its queues and workers",
    request: { params: Pool },
    responses: { 204: { description: "Deleted" }, ...ERROR_ANSWERS },
  }),
  createQueue: createRoute({
    method: "post",
    path: "/api/work_pools/{name}/queues",
    tags,
    summary: "Create a queue in a work pool",
    request: { params: Pool, body: jsonBody(WorkQueueCreateSchema) },
    responses: { 201: jsonAnswer(WorkQueueSchema, "The queue"), ...ERROR_ANSWERS },
  }),
  queues: createRoute({
    method: "get",
    path: "/api/work_pools/{name}/queues",
    tags,
    summary: "A work pool's queues, by priority",
    request: { params: Pool },
    responses: { 200: jsonAnswer(z.array(WorkQueueSchema), "The queues"), ...ERROR_ANSWERS },
  }),
  readQueue: createRoute({
    method: "get",
    path: "/api/work_pools/{name}/queues/{queue}",
    tags,
    summary: "Read a work queue",
    request: { params: PoolQueue },
    responses: { 200: jsonAnswer(WorkQueueSchema, "The queue"), ...ERROR_ANSWERS },
  }),
  updateQueue: createRoute({
    method: "patch",
    path: "/api/work_pools/{name}/queues/{queue}",
    tags,
    summary: "Change a work queue (priority, limit, pause, resume)",
    request: { params: PoolQueue, body: jsonBody(WorkQueueUpdateSchema) },
    responses: { 200: jsonAnswer(WorkQueueSchema, "The queue"), ...ERROR_ANSWERS },
  }),
  deleteQueue: createRoute({
    method: "delete",
    path: "/api/work_pools/{name}/queues/{queue}",
    tags,
    summary: "Delete a work queue",
    request: { params: PoolQueue },
    responses: { 204: { description: "Deleted" }, ...ERROR_ANSWERS },
  }),
  heartbeat: createRoute({
    method: "post",
    path: "/api/work_pools/{name}/workers/heartbeat",
    tags,
    summary: "A worker's heartbeat (registers it)",
    request: { params: Pool, body: jsonBody(WorkerHeartbeatSchema) },
    responses: { 204: { description: "Recorded" }, ...ERROR_ANSWERS },
  }),
  workers: createRoute({
    method: "get",
    path: "/api/work_pools/{name}/workers",
    tags,
    summary: "A work pool's workers, with their status",
    request: { params: Pool },
    responses: { 200: jsonAnswer(z.array(WorkerSchema), "The workers"), ...ERROR_ANSWERS },
  }),
  deleteWorker: createRoute({
    method: "delete",
    path: "/api/work_pools/{name}/workers/{worker}",
    tags,
    summary: "Remove a stopped worker",
    request: { params: PoolWorker },
    responses: { 204: { description: "Deleted" }, ...ERROR_ANSWERS },
  }),
  claim: createRoute({
    method: "post",
    path: "/api/work_pools/{name}/claim",
    tags,
    summary:
      "Claim due runs of the pool (atomically: each run goes to one worker); long-polls with waitSeconds",
    request: { params: Pool, body: jsonBody(WorkPoolClaimSchema) },
    responses: { 200: jsonAnswer(z.array(ClaimedFlowRunSchema), "The claimed runs"), ...ERROR_ANSWERS },
  }),
};

/** Registers the work-pool routes. */
export function registerWorkPoolRoutes(app: OrdoApp, { store }: ServerDeps): void {
  app.openapi(routes.create, async (c) => c.json(await api.createWorkPool(store, c.req.valid("json")), 201));
  app.openapi(routes.filter, async (c) => c.json(await api.readWorkPools(store, c.req.valid("json")), 200));
  app.openapi(routes.summaries, async (c) =>
    c.json(await api.readWorkPoolSummaries(store, c.req.valid("json")), 200),
  );
  app.openapi(routes.read, async (c) =>
    c.json(await api.readWorkPool(store, c.req.valid("param").name), 200),
  );
  app.openapi(routes.update, async (c) =>
    c.json(await api.updateWorkPool(store, c.req.valid("param").name, c.req.valid("json")), 200),
  );
  app.openapi(routes.delete, async (c) => {
    await api.deleteWorkPool(store, c.req.valid("param").name);
    return c.body(null, 204);
  });
  app.openapi(routes.createQueue, async (c) =>
    c.json(await api.createWorkQueue(store, c.req.valid("param").name, c.req.valid("json")), 201),
  );
  app.openapi(routes.queues, async (c) =>
    c.json(await api.readWorkQueues(store, c.req.valid("param").name), 200),
  );
  app.openapi(routes.readQueue, async (c) => {
    const { name, queue } = c.req.valid("param");
    return c.json(await api.readWorkQueue(store, name, queue), 200);
  });
  app.openapi(routes.updateQueue, async (c) => {
    const { name, queue } = c.req.valid("param");
    return c.json(await api.updateWorkQueue(store, name, queue, c.req.valid("json")), 200);
  });
  app.openapi(routes.deleteQueue, async (c) => {
    const { name, queue } = c.req.valid("param");
    await api.deleteWorkQueue(store, name, queue);
    return c.body(null, 204);
  });
  app.openapi(routes.heartbeat, async (c) => {
    await api.heartbeatWorker(store, c.req.valid("param").name, c.req.valid("json"));
    return c.body(null, 204);
  });
  app.openapi(routes.workers, async (c) =>
    c.json(await api.readWorkers(store, c.req.valid("param").name), 200),
  );
  app.openapi(routes.deleteWorker, async (c) => {
    const { name, worker } = c.req.valid("param");
    await api.deleteWorker(store, name, worker);
    return c.body(null, 204);
  });
  app.openapi(routes.claim, async (c) =>
    c.json(
      await api.claimWorkPoolRuns(store, c.req.valid("param").name, c.req.valid("json"), c.req.raw.signal),
      200,
    ),
  );
}
