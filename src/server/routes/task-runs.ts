/**
 * `/api/task_runs` and `/api/logs`: the run recorder's batch endpoint, reads and filters.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import * as api from "../../api/index.js";
import {
  CacheLookupResultSchema,
  CacheLookupSchema,
  IdParamSchema,
  LogFilterSchema,
  LogRecordSchema,
  RecorderBatchSchema,
  StateDataSchema,
  TaskRunFilterSchema,
  TaskRunSchema,
} from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer, jsonBody } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const tags = ["Task runs"];

const recordBatch = createRoute({
  method: "post",
  path: "/api/task_runs/batch",
  tags,
  summary: "Write one run-recorder batch: task-run snapshots, state records and logs",
  description:
    "Written in one transaction, with an `ordo.task-run.<StateName>` event for each state that `newStates` marks as new (as `ORDO_TASK_RUN_EVENTS` on the server selects). A batch sent again with the same `batchId` is written once, events included.",
  request: { body: jsonBody(RecorderBatchSchema) },
  responses: { 204: { description: "Written" }, ...ERROR_ANSWERS },
});

const filterTaskRuns = createRoute({
  method: "post",
  path: "/api/task_runs/filter",
  tags,
  summary: "List task runs, in creation order",
  request: { body: jsonBody(TaskRunFilterSchema) },
  responses: { 200: jsonAnswer(z.array(TaskRunSchema), "The matching task runs"), ...ERROR_ANSWERS },
});

const readTaskRun = createRoute({
  method: "get",
  path: "/api/task_runs/{id}",
  tags,
  summary: "Read a task run",
  request: { params: IdParamSchema },
  responses: { 200: jsonAnswer(TaskRunSchema, "The task run"), ...ERROR_ANSWERS },
});

const readTaskRunStates = createRoute({
  method: "get",
  path: "/api/task_runs/{id}/states",
  tags,
  summary: "A task run's detailed state records (failures, retries, crashes), oldest first",
  request: { params: IdParamSchema },
  responses: { 200: jsonAnswer(z.array(StateDataSchema), "The states"), ...ERROR_ANSWERS },
});

const cacheLookup = createRoute({
  method: "post",
  path: "/api/task_runs/cache_lookup",
  tags,
  summary: "The newest valid completed result stored under a cache key",
  request: { body: jsonBody(CacheLookupSchema) },
  responses: { 200: jsonAnswer(CacheLookupResultSchema, "The hit, or null"), ...ERROR_ANSWERS },
});

const filterLogs = createRoute({
  method: "post",
  path: "/api/logs/filter",
  tags: ["Logs"],
  summary: "Read log lines, oldest first",
  request: { body: jsonBody(LogFilterSchema) },
  responses: { 200: jsonAnswer(z.array(LogRecordSchema), "The log lines"), ...ERROR_ANSWERS },
});

/** Registers the task-run and log routes. */
export function registerTaskRunRoutes(app: OrdoApp, deps: ServerDeps): void {
  const { store, taskRunEvents } = deps;
  app.openapi(recordBatch, async (c) => {
    await api.recordBatch(store, c.req.valid("json"), { taskRunEvents });
    return c.body(null, 204);
  });
  app.openapi(filterTaskRuns, async (c) => c.json(await api.readTaskRuns(store, c.req.valid("json")), 200));
  app.openapi(cacheLookup, async (c) => {
    const { cacheKey, now } = c.req.valid("json");
    return c.json({ hit: (await api.findCachedResult(store, cacheKey, now)) ?? null }, 200);
  });
  app.openapi(readTaskRun, async (c) => c.json(await api.readTaskRun(store, c.req.valid("param").id), 200));
  app.openapi(readTaskRunStates, async (c) =>
    c.json(await api.readTaskRunStates(store, c.req.valid("param").id), 200),
  );
  app.openapi(filterLogs, async (c) => c.json(await api.readLogs(store, c.req.valid("json")), 200));
}
