/**
 * `/api/health`, `/api/ready` and `/api/version`.
 *
 * @module
 */
import { createRoute } from "@hono/zod-openapi";
import { packageVersion } from "../../package-version.js";
import { HealthSchema, VersionSchema } from "../../schemas/index.js";
import { jsonAnswer } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

/** The version of the REST API's shape; it changes when a route changes incompatibly. */
export const API_VERSION = "1";

const tags = ["Admin"];

const health = createRoute({
  method: "get",
  path: "/api/health",
  tags,
  summary: "The server process answers",
  responses: { 200: jsonAnswer(HealthSchema, "Alive") },
});

const ready = createRoute({
  method: "get",
  path: "/api/ready",
  tags,
  summary: "The server can serve requests: its database answers",
  responses: {
    200: jsonAnswer(HealthSchema, "Ready"),
    503: jsonAnswer(HealthSchema, "The database does not answer"),
  },
});

const version = createRoute({
  method: "get",
  path: "/api/version",
  tags,
  summary: "Server version, API version and database backend",
  responses: { 200: jsonAnswer(VersionSchema, "Versions") },
});

/** Registers the admin routes. */
export function registerAdminRoutes(app: OrdoApp, deps: ServerDeps): void {
  const { store } = deps;
  app.openapi(health, (c) => c.json({ status: "ok" as const }, 200));
  app.openapi(ready, async (c) => {
    try {
      await store.records.positions.newestLogId();
      return c.json({ status: "ok" as const, database: store.dialect }, 200);
    } catch {
      return c.json({ status: "unavailable" as const, database: store.dialect }, 503);
    }
  });
  app.openapi(version, (c) =>
    c.json({ version: packageVersion(), api: API_VERSION, database: store.dialect }, 200),
  );
}
