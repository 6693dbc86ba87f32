/**
 * `/api/results/{key}`: the server's result storage, so that results too large to store
 * inline are readable by the UI and by a resume on another machine.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { assertStorageKey } from "../../results/index.js";
import { ERROR_ANSWERS } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const KeyParamSchema = z.object({ key: z.string().min(1).max(200) });
const tags = ["Results"];

const putResult = createRoute({
  method: "put",
  path: "/api/results/{key}",
  tags,
  summary: "Store a serialized result under a key (atomic; the same key written again is replaced)",
  request: {
    params: KeyParamSchema,
    body: { required: true, content: { "application/octet-stream": { schema: z.string() } } },
  },
  responses: { 204: { description: "Stored" }, ...ERROR_ANSWERS },
});

const getResult = createRoute({
  method: "get",
  path: "/api/results/{key}",
  tags,
  summary: "Read a stored result's bytes",
  request: { params: KeyParamSchema },
  responses: {
    200: { description: "The bytes", content: { "application/octet-stream": { schema: z.string() } } },
    ...ERROR_ANSWERS,
  },
});

/** Registers the result-storage routes. */
export function registerResultRoutes(app: OrdoApp, deps: ServerDeps): void {
  const storage = deps.resultStorage;
  app.openapi(putResult, async (c) => {
    const { key } = c.req.valid("param");
    assertStorageKey(key);
    await storage.write(key, new Uint8Array(await c.req.arrayBuffer()));
    return c.body(null, 204);
  });
  app.openapi(getResult, async (c) => {
    const { key } = c.req.valid("param");
    assertStorageKey(key);
    const bytes = await storage.read(key);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { "content-type": "application/octet-stream" });
  });
}
