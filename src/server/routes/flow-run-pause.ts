/**
 * `POST /api/flow_runs/{id}/resume`: resume a paused flow run with its input.
 *
 * @module
 */
import { createRoute } from "@hono/zod-openapi";
import * as api from "../../api/index.js";
import {
  ErrorBodySchema,
  FlowRunSchema,
  IdParamSchema,
  ResumeFlowRunBodySchema,
} from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer, jsonBody } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const resume = createRoute({
  method: "post",
  path: "/api/flow_runs/{id}/resume",
  tags: ["Flow runs"],
  summary: "Resume a Paused or Suspended flow run",
  description:
    "When the pause stored an input schema, `input` is required and validated against it (422 `ORDO_INVALID_INPUT` naming each field; nothing is written). A Paused run goes Running; a Suspended run goes Scheduled now, for a worker to run it again. The input is kept with the run under the pause's key.",
  request: { params: IdParamSchema, body: jsonBody(ResumeFlowRunBodySchema) },
  responses: {
    200: jsonAnswer(FlowRunSchema, "The resumed flow run"),
    ...ERROR_ANSWERS,
    409: jsonAnswer(ErrorBodySchema, "The run is not paused, or its pause timed out (`ORDO_NOT_PAUSED`)"),
  },
});

/** Registers the pause routes. */
export function registerFlowRunPauseRoutes(app: OrdoApp, deps: ServerDeps): void {
  const { store } = deps;
  app.openapi(resume, async (c) => {
    const { input } = c.req.valid("json");
    return c.json(await api.resumeFlowRun(store, c.req.valid("param").id, { input }), 200);
  });
}
