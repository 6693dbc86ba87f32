/**
 * `/api/events`: emit and filter events.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import * as api from "../../api/index.js";
import { EventCreateSchema, EventFilterSchema, EventSchema } from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer, jsonBody } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const tags = ["Events"];

const emitEvents = createRoute({
  method: "post",
  path: "/api/events",
  tags,
  summary: "Emit events (all or none are written)",
  request: { body: jsonBody(z.object({ events: z.array(EventCreateSchema).min(1).max(1000) })) },
  responses: { 204: { description: "Written" }, ...ERROR_ANSWERS },
});

const filterEvents = createRoute({
  method: "post",
  path: "/api/events/filter",
  tags,
  summary: "Read events, oldest or newest first (`sort`); `afterId` and `beforeId` page, `afterId` tails",
  request: { body: jsonBody(EventFilterSchema) },
  responses: { 200: jsonAnswer(z.array(EventSchema), "The events"), ...ERROR_ANSWERS },
});

/** Registers the event routes. */
export function registerEventRoutes(app: OrdoApp, { store }: ServerDeps): void {
  app.openapi(emitEvents, async (c) => {
    await api.emitEvents(store, c.req.valid("json").events);
    return c.body(null, 204);
  });
  app.openapi(filterEvents, async (c) => c.json(await api.readEvents(store, c.req.valid("json")), 200));
}
