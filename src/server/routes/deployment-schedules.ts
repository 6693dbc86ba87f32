/**
 * `/api/deployments/{id}/schedules`: a deployment's schedules one at a time (list, add,
 * change, delete), each change leaving the others and their planned runs alone.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import * as api from "../../api/index.js";
import {
  DeploymentScheduleRecordSchema,
  DeploymentScheduleUpdateSchema,
  DeploymentSchedulesCreateSchema,
} from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer, jsonBody } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const tags = ["Deployments"];
const IdParam = z.object({ id: z.string().min(1).max(64) });
const ScheduleParams = IdParam.extend({
  /** The schedule's id, or its slug. */
  schedule: z.string().min(1).max(200),
});

const routes = {
  list: createRoute({
    method: "get",
    path: "/api/deployments/{id}/schedules",
    tags,
    summary: "List a deployment's schedules",
    request: { params: IdParam },
    responses: {
      200: jsonAnswer(z.array(DeploymentScheduleRecordSchema), "The schedules"),
      ...ERROR_ANSWERS,
    },
  }),
  create: createRoute({
    method: "post",
    path: "/api/deployments/{id}/schedules",
    tags,
    summary: "Add schedules to a deployment (its others stay as they are)",
    request: { params: IdParam, body: jsonBody(DeploymentSchedulesCreateSchema) },
    responses: {
      201: jsonAnswer(z.array(DeploymentScheduleRecordSchema), "The new schedules"),
      ...ERROR_ANSWERS,
    },
  }),
  update: createRoute({
    method: "patch",
    path: "/api/deployments/{id}/schedules/{schedule}",
    tags,
    summary: "Change one schedule of a deployment (by id or slug): pause, resume, its spec or parameters",
    request: { params: ScheduleParams, body: jsonBody(DeploymentScheduleUpdateSchema) },
    responses: { 200: jsonAnswer(DeploymentScheduleRecordSchema, "The schedule"), ...ERROR_ANSWERS },
  }),
  delete: createRoute({
    method: "delete",
    path: "/api/deployments/{id}/schedules/{schedule}",
    tags,
    summary: "Delete one schedule of a deployment (by id or slug) and its future runs",
    request: { params: ScheduleParams },
    responses: { 204: { description: "Deleted" }, ...ERROR_ANSWERS },
  }),
};

/** Registers the routes of a deployment's schedules. */
export function registerDeploymentScheduleRoutes(app: OrdoApp, { store }: ServerDeps): void {
  app.openapi(routes.list, async (c) =>
    c.json(await api.readDeploymentSchedules(store, c.req.valid("param").id), 200),
  );
  app.openapi(routes.create, async (c) =>
    c.json(await api.createDeploymentSchedules(store, c.req.valid("param").id, c.req.valid("json")), 201),
  );
  app.openapi(routes.update, async (c) => {
    const { id, schedule } = c.req.valid("param");
    return c.json(await api.updateDeploymentSchedule(store, id, schedule, c.req.valid("json")), 200);
  });
  app.openapi(routes.delete, async (c) => {
    const { id, schedule } = c.req.valid("param");
    await api.deleteDeploymentSchedule(store, id, schedule);
    return c.body(null, 204);
  });
}
