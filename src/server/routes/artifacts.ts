/**
 * `/api/artifacts`: what runs publish, versioned by key.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import * as api from "../../api/index.js";
import {
  ArtifactCreateSchema,
  ArtifactFilterSchema,
  ArtifactSchema,
  ArtifactUpdateSchema,
  IdParamSchema,
} from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer, jsonBody } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const tags = ["Artifacts"];

const createArtifact = createRoute({
  method: "post",
  path: "/api/artifacts",
  tags,
  summary: "Create an artifact (a new version when its key exists)",
  request: { body: jsonBody(ArtifactCreateSchema) },
  responses: { 201: jsonAnswer(ArtifactSchema, "The artifact"), ...ERROR_ANSWERS },
});

const readArtifact = createRoute({
  method: "get",
  path: "/api/artifacts/{id}",
  tags,
  summary: "Read an artifact",
  request: { params: IdParamSchema },
  responses: { 200: jsonAnswer(ArtifactSchema, "The artifact"), ...ERROR_ANSWERS },
});

const updateArtifact = createRoute({
  method: "patch",
  path: "/api/artifacts/{id}",
  tags,
  summary: "Replace an artifact's data (progress artifacts)",
  request: { params: IdParamSchema, body: jsonBody(ArtifactUpdateSchema) },
  responses: { 200: jsonAnswer(ArtifactSchema, "The artifact"), ...ERROR_ANSWERS },
});

const filterArtifacts = createRoute({
  method: "post",
  path: "/api/artifacts/filter",
  tags,
  summary: "List artifacts, newest first (`latestOnly` for the latest version of each key)",
  request: { body: jsonBody(ArtifactFilterSchema) },
  responses: { 200: jsonAnswer(z.array(ArtifactSchema), "The artifacts"), ...ERROR_ANSWERS },
});

/** Registers the artifact routes. */
export function registerArtifactRoutes(app: OrdoApp, { store }: ServerDeps): void {
  app.openapi(createArtifact, async (c) => c.json(await api.createArtifact(store, c.req.valid("json")), 201));
  app.openapi(filterArtifacts, async (c) => c.json(await api.readArtifacts(store, c.req.valid("json")), 200));
  app.openapi(readArtifact, async (c) => c.json(await api.readArtifact(store, c.req.valid("param").id), 200));
  app.openapi(updateArtifact, async (c) =>
    c.json(await api.updateArtifact(store, c.req.valid("param").id, c.req.valid("json")), 200),
  );
}
