/**
 * `/api/deployments`: deployments, their runs, schedules and backfills, and claims by
 * `serve` processes.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import * as api from "../../api/index.js";
import {
  ClaimedFlowRunSchema,
  DeploymentBackfillResultSchema,
  DeploymentBackfillSchema,
  DeploymentClaimSchema,
  DeploymentCreateSchema,
  DeploymentFilterSchema,
  DeploymentRunCreateSchema,
  DeploymentSchema,
  DeploymentUpdateSchema,
  FlowRunSchema,
} from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer, jsonBody } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const tags = ["Deployments"];
const IdParam = z.object({ id: z.string().min(1).max(64) });
const NameParams = z.object({ flow: z.string().min(1).max(200), name: z.string().min(1).max(200) });

const routes = {
  create: createRoute({
    method: "post",
    path: "/api/deployments",
    tags,
    summary: "Create a deployment, or replace the one with the same flow and name",
    request: { body: jsonBody(DeploymentCreateSchema) },
    responses: { 200: jsonAnswer(DeploymentSchema, "The deployment"), ...ERROR_ANSWERS },
  }),
  filter: createRoute({
    method: "post",
    path: "/api/deployments/filter",
    tags,
    summary: "List deployments",
    request: { body: jsonBody(DeploymentFilterSchema) },
    responses: { 200: jsonAnswer(z.array(DeploymentSchema), "The deployments"), ...ERROR_ANSWERS },
  }),
  read: createRoute({
    method: "get",
    path: "/api/deployments/{id}",
    tags,
    summary: "Read a deployment by id",
    request: { params: IdParam },
    responses: { 200: jsonAnswer(DeploymentSchema, "The deployment"), ...ERROR_ANSWERS },
  }),
  readByName: createRoute({
    method: "get",
    path: "/api/deployments/name/{flow}/{name}",
    tags,
    summary: "Read a deployment by flow name and deployment name",
    request: { params: NameParams },
    responses: { 200: jsonAnswer(DeploymentSchema, "The deployment"), ...ERROR_ANSWERS },
  }),
  update: createRoute({
    method: "patch",
    path: "/api/deployments/{id}",
    tags,
    summary: "Change a deployment (pause, resume, schedules, parameters, …)",
    request: { params: IdParam, body: jsonBody(DeploymentUpdateSchema) },
    responses: { 200: jsonAnswer(DeploymentSchema, "The deployment"), ...ERROR_ANSWERS },
  }),
  delete: createRoute({
    method: "delete",
    path: "/api/deployments/{id}",
    tags,
    summary: "Delete a deployment and its future scheduled runs",
    request: { params: IdParam },
    responses: { 204: { description: "Deleted" }, ...ERROR_ANSWERS },
  }),
  createRun: createRoute({
    method: "post",
    path: "/api/deployments/{id}/create_flow_run",
    tags,
    summary: "Create a run of the deployment (validated against its parameter schema)",
    request: { params: IdParam, body: jsonBody(DeploymentRunCreateSchema) },
    responses: { 201: jsonAnswer(FlowRunSchema, "The run, Scheduled"), ...ERROR_ANSWERS },
  }),
  createRunByName: createRoute({
    method: "post",
    path: "/api/deployments/name/{flow}/{name}/create_flow_run",
    tags,
    summary: "Create a run of the deployment named FLOW/NAME (one request, no id lookup first)",
    request: { params: NameParams, body: jsonBody(DeploymentRunCreateSchema) },
    responses: { 201: jsonAnswer(FlowRunSchema, "The run, Scheduled"), ...ERROR_ANSWERS },
  }),
  backfill: createRoute({
    method: "post",
    path: "/api/deployments/{id}/backfill",
    tags,
    summary: "Create runs for the past slots of the deployment's schedules",
    request: { params: IdParam, body: jsonBody(DeploymentBackfillSchema) },
    responses: { 200: jsonAnswer(DeploymentBackfillResultSchema, "What was created"), ...ERROR_ANSWERS },
  }),
  claim: createRoute({
    method: "post",
    path: "/api/deployments/claim",
    tags,
    summary: "Claim due runs of some deployments (for `serve` processes); long-polls with waitSeconds",
    request: { body: jsonBody(DeploymentClaimSchema) },
    responses: { 200: jsonAnswer(z.array(ClaimedFlowRunSchema), "The claimed runs"), ...ERROR_ANSWERS },
  }),
};

/** Registers the deployment routes. */
export function registerDeploymentRoutes(app: OrdoApp, { store }: ServerDeps): void {
  app.openapi(routes.create, async (c) =>
    c.json(await api.createDeployment(store, c.req.valid("json")), 200),
  );
  app.openapi(routes.filter, async (c) => c.json(await api.readDeployments(store, c.req.valid("json")), 200));
  app.openapi(routes.claim, async (c) =>
    c.json(await api.claimDeploymentRuns(store, c.req.valid("json"), c.req.raw.signal), 200),
  );
  app.openapi(routes.readByName, async (c) => {
    const { flow, name } = c.req.valid("param");
    return c.json(await api.readDeployment(store, `${flow}/${name}`), 200);
  });
  app.openapi(routes.read, async (c) =>
    c.json(await api.readDeployment(store, c.req.valid("param").id), 200),
  );
  app.openapi(routes.update, async (c) =>
    c.json(await api.updateDeployment(store, c.req.valid("param").id, c.req.valid("json")), 200),
  );
  app.openapi(routes.delete, async (c) => {
    await api.deleteDeployment(store, c.req.valid("param").id);
    return c.body(null, 204);
  });
  app.openapi(routes.createRun, async (c) =>
    c.json(await api.createDeploymentFlowRun(store, c.req.valid("param").id, c.req.valid("json")), 201),
  );
  app.openapi(routes.createRunByName, async (c) => {
    const { flow, name } = c.req.valid("param");
    return c.json(await api.createDeploymentFlowRun(store, `${flow}/${name}`, c.req.valid("json")), 201);
  });
  app.openapi(routes.backfill, async (c) =>
    c.json(await api.backfillDeployment(store, c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
