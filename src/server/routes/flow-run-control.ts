/**
 * `/api/flow_runs/{id}/cancel`: operators cancel runs; workers report that a cancelled
 * run's process is gone.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import * as api from "../../api/index.js";
import { FlowRunSchema } from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer, jsonBody } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const tags = ["Flow runs"];
const IdParam = z.object({ id: z.string().min(1).max(64) });
const Reason = z.object({ reason: z.string().min(1).max(2000).optional() });

const cancel = createRoute({
  method: "post",
  path: "/api/flow_runs/{id}/cancel",
  tags,
  summary:
    "Cancel a run: Scheduled or Paused → Cancelled at once; Pending or Running → Cancelling (its worker kills it)",
  request: { params: IdParam, body: jsonBody(Reason) },
  responses: { 200: jsonAnswer(FlowRunSchema, "The run"), ...ERROR_ANSWERS },
});

const cancelled = createRoute({
  method: "post",
  path: "/api/flow_runs/{id}/mark_cancelled",
  tags,
  summary: "Finish a cancellation once the run's process is gone (workers call this)",
  request: { params: IdParam, body: jsonBody(Reason) },
  responses: { 200: jsonAnswer(FlowRunSchema, "The run, Cancelled"), ...ERROR_ANSWERS },
});

const attach = createRoute({
  method: "post",
  path: "/api/flow_runs/{id}/process",
  tags,
  summary: "Record the process (host, pid) that runs the run, for crash detection (workers call this)",
  request: {
    params: IdParam,
    body: jsonBody(z.object({ host: z.string().min(1).max(255), pid: z.number().int().positive() })),
  },
  responses: { 204: { description: "Recorded" }, ...ERROR_ANSWERS },
});

/** Registers the cancellation routes. */
export function registerFlowRunControlRoutes(app: OrdoApp, { store }: ServerDeps): void {
  app.openapi(cancel, async (c) =>
    c.json(await api.cancelFlowRun(store, c.req.valid("param").id, c.req.valid("json").reason), 200),
  );
  app.openapi(attach, async (c) => {
    const { host, pid } = c.req.valid("json");
    await api.attachFlowRunProcess(store, c.req.valid("param").id, host, pid);
    return c.body(null, 204);
  });
  app.openapi(cancelled, async (c) =>
    c.json(await api.finishCancellation(store, c.req.valid("param").id, c.req.valid("json").reason), 200),
  );
}
