/**
 * `/api/concurrency_limits` (tag limits for task runs and the slot endpoints) and
 * `/api/global_concurrency_limits` (named limits for `concurrency()` and `rateLimit()`).
 *
 * `POST /api/concurrency_limits/acquire` is a long poll: with no room, the server holds
 * the request up to `waitSeconds` (≤ 30) and answers as soon as a slot frees.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import * as api from "../../api/index.js";
import {
  ConcurrencyLimitFilterSchema,
  ConcurrencyLimitNameSchema,
  ConcurrencyTagSchema,
  GlobalConcurrencyLimitCreateSchema,
  GlobalConcurrencyLimitSchema,
  GlobalConcurrencyLimitUpdateSchema,
  SlotAcquireResultSchema,
  SlotAcquireSchema,
  SlotCountResultSchema,
  SlotReleaseSchema,
  SlotRenewSchema,
  TagConcurrencyLimitCreateSchema,
  TagConcurrencyLimitSchema,
} from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer, jsonBody } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const tags = ["Concurrency limits"];
const TagParamSchema = z.object({ tag: ConcurrencyTagSchema });
const NameParamSchema = z.object({ name: ConcurrencyLimitNameSchema });

const createTagLimit = createRoute({
  method: "post",
  path: "/api/concurrency_limits",
  tags,
  summary: "Create a tag's concurrency limit, or replace its limit",
  request: { body: jsonBody(TagConcurrencyLimitCreateSchema) },
  responses: { 200: jsonAnswer(TagConcurrencyLimitSchema, "The limit"), ...ERROR_ANSWERS },
});

const filterTagLimits = createRoute({
  method: "post",
  path: "/api/concurrency_limits/filter",
  tags,
  summary: "List tag concurrency limits by tag",
  request: { body: jsonBody(ConcurrencyLimitFilterSchema) },
  responses: { 200: jsonAnswer(z.array(TagConcurrencyLimitSchema), "The limits"), ...ERROR_ANSWERS },
});

const readTagLimit = createRoute({
  method: "get",
  path: "/api/concurrency_limits/tag/{tag}",
  tags,
  summary: "Read a tag's concurrency limit, with the task runs holding its slots",
  request: { params: TagParamSchema },
  responses: { 200: jsonAnswer(TagConcurrencyLimitSchema, "The limit"), ...ERROR_ANSWERS },
});

const deleteTagLimit = createRoute({
  method: "delete",
  path: "/api/concurrency_limits/tag/{tag}",
  tags,
  summary: "Delete a tag's concurrency limit (its waiting task runs go on)",
  request: { params: TagParamSchema },
  responses: { 204: { description: "Deleted" }, ...ERROR_ANSWERS },
});

const acquireSlots = createRoute({
  method: "post",
  path: "/api/concurrency_limits/acquire",
  tags,
  summary: "Take slots of every named tag or limit, or of none (a long poll up to waitSeconds)",
  request: { body: jsonBody(SlotAcquireSchema) },
  responses: { 200: jsonAnswer(SlotAcquireResultSchema, "Granted or not"), ...ERROR_ANSWERS },
});

const renewSlots = createRoute({
  method: "post",
  path: "/api/concurrency_limits/renew",
  tags,
  summary: "Extend every live lease of a holder",
  request: { body: jsonBody(SlotRenewSchema) },
  responses: { 200: jsonAnswer(SlotCountResultSchema, "How many leases"), ...ERROR_ANSWERS },
});

const releaseSlots = createRoute({
  method: "post",
  path: "/api/concurrency_limits/release",
  tags,
  summary: "Release every lease of a holder",
  request: { body: jsonBody(SlotReleaseSchema) },
  responses: { 200: jsonAnswer(SlotCountResultSchema, "How many leases"), ...ERROR_ANSWERS },
});

const globalTags = ["Global concurrency limits"];

const createGlobalLimit = createRoute({
  method: "post",
  path: "/api/global_concurrency_limits",
  tags: globalTags,
  summary: "Create a global concurrency limit (a rate limit when slotDecayPerSecond > 0)",
  request: { body: jsonBody(GlobalConcurrencyLimitCreateSchema) },
  responses: { 200: jsonAnswer(GlobalConcurrencyLimitSchema, "The limit"), ...ERROR_ANSWERS },
});

const filterGlobalLimits = createRoute({
  method: "post",
  path: "/api/global_concurrency_limits/filter",
  tags: globalTags,
  summary: "List global concurrency limits by name",
  request: { body: jsonBody(ConcurrencyLimitFilterSchema) },
  responses: { 200: jsonAnswer(z.array(GlobalConcurrencyLimitSchema), "The limits"), ...ERROR_ANSWERS },
});

const readGlobalLimit = createRoute({
  method: "get",
  path: "/api/global_concurrency_limits/{name}",
  tags: globalTags,
  summary: "Read a global concurrency limit",
  request: { params: NameParamSchema },
  responses: { 200: jsonAnswer(GlobalConcurrencyLimitSchema, "The limit"), ...ERROR_ANSWERS },
});

const updateGlobalLimit = createRoute({
  method: "patch",
  path: "/api/global_concurrency_limits/{name}",
  tags: globalTags,
  summary: "Change a global concurrency limit's limit, active flag or decay",
  request: { params: NameParamSchema, body: jsonBody(GlobalConcurrencyLimitUpdateSchema) },
  responses: { 200: jsonAnswer(GlobalConcurrencyLimitSchema, "The limit"), ...ERROR_ANSWERS },
});

const deleteGlobalLimit = createRoute({
  method: "delete",
  path: "/api/global_concurrency_limits/{name}",
  tags: globalTags,
  summary: "Delete a global concurrency limit",
  request: { params: NameParamSchema },
  responses: { 204: { description: "Deleted" }, ...ERROR_ANSWERS },
});

/** Registers the concurrency-limit routes. */
export function registerConcurrencyLimitRoutes(app: OrdoApp, { store }: ServerDeps): void {
  app.openapi(createTagLimit, async (c) =>
    c.json(await api.createTagConcurrencyLimit(store, c.req.valid("json")), 200),
  );
  app.openapi(filterTagLimits, async (c) =>
    c.json(await api.readTagConcurrencyLimits(store, c.req.valid("json")), 200),
  );
  app.openapi(acquireSlots, async (c) =>
    c.json(await api.acquireConcurrencySlots(store, c.req.valid("json")), 200),
  );
  app.openapi(renewSlots, async (c) =>
    c.json(await api.renewConcurrencySlots(store, c.req.valid("json")), 200),
  );
  app.openapi(releaseSlots, async (c) =>
    c.json(await api.releaseConcurrencySlots(store, c.req.valid("json")), 200),
  );
  app.openapi(readTagLimit, async (c) =>
    c.json(await api.readTagConcurrencyLimit(store, c.req.valid("param").tag), 200),
  );
  app.openapi(deleteTagLimit, async (c) => {
    await api.deleteTagConcurrencyLimit(store, c.req.valid("param").tag);
    return c.body(null, 204);
  });

  app.openapi(createGlobalLimit, async (c) =>
    c.json(await api.createGlobalConcurrencyLimit(store, c.req.valid("json")), 200),
  );
  app.openapi(filterGlobalLimits, async (c) =>
    c.json(await api.readGlobalConcurrencyLimits(store, c.req.valid("json")), 200),
  );
  app.openapi(readGlobalLimit, async (c) =>
    c.json(await api.readGlobalConcurrencyLimit(store, c.req.valid("param").name), 200),
  );
  app.openapi(updateGlobalLimit, async (c) =>
    c.json(
      await api.updateGlobalConcurrencyLimit(store, c.req.valid("param").name, c.req.valid("json")),
      200,
    ),
  );
  app.openapi(deleteGlobalLimit, async (c) => {
    await api.deleteGlobalConcurrencyLimit(store, c.req.valid("param").name);
    return c.body(null, 204);
  });
}
