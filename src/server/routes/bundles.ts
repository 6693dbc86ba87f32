/**
 * `/api/bundles/{hash}`: project bundles, stored by the sha256 of their `.tar.gz` bytes.
 * `ordo deploy --source bundle` uploads one (`PUT`, after a `HEAD` that skips the upload
 * when the server has it); workers download it (`GET`) before a run of the deployment.
 *
 * An upload is checked (gzip bytes whose sha256 is the hash in the path, else 422
 * `ORDO_BUNDLE_HASH_MISMATCH`), stored atomically and idempotently; its size is capped
 * by the app's body limits (413). `HEAD` and `PUT` check the stored copy too (a damaged
 * one is dropped, so the next deploy replaces it); `GET` serves the bytes as stored and
 * the worker checks them.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import { assertBundleHash, bundleHash } from "../../bundles/bundle-hash.js";
import { OrdoError } from "../../errors/index.js";
import type { ResultStorage } from "../../results/index.js";
import { BundleHashSchema, BundleInfoSchema } from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const tags = ["Bundles"];
const HashParam = z.object({ hash: BundleHashSchema });
const GZIP = "application/gzip";

const routes = {
  put: createRoute({
    method: "put",
    path: "/api/bundles/{hash}",
    tags,
    summary: "Upload a project bundle (.tar.gz) under the sha256 of its bytes; idempotent",
    request: {
      params: HashParam,
      body: { required: true, content: { [GZIP]: { schema: z.string().openapi({ format: "binary" }) } } },
    },
    responses: {
      200: jsonAnswer(BundleInfoSchema, "The server had the bundle already"),
      201: jsonAnswer(BundleInfoSchema, "The bundle is stored"),
      ...ERROR_ANSWERS,
    },
  }),
  get: createRoute({
    method: "get",
    path: "/api/bundles/{hash}",
    tags,
    summary:
      "Download a project bundle (the worker checks its sha256); HEAD: whether the server has it intact",
    request: { params: HashParam },
    responses: {
      200: {
        description: "The .tar.gz bytes",
        content: { [GZIP]: { schema: z.string().openapi({ format: "binary" }) } },
      },
      ...ERROR_ANSWERS,
    },
  }),
};

const keyOf = (hash: string) => `${hash}.tar.gz`;

function storageOf(deps: ServerDeps): ResultStorage {
  if (deps.bundleStorage === undefined) {
    throw new OrdoError(
      "ORDO_NOT_FOUND",
      "this server keeps no bundles: it was started without bundle storage",
      {},
    );
  }
  return deps.bundleStorage;
}

function notStored(hash: string): OrdoError {
  return new OrdoError(
    "ORDO_NOT_FOUND",
    `no bundle ${hash} on this server: deploy it again with --source bundle`,
    {
      hash,
    },
  );
}

/**
 * Whether the server has bundle `hash`, intact: a stored copy whose bytes no longer hash
 * to it (a damaged disk, a hand edit) is removed and counts as missing, so that the next
 * deploy uploads it again.
 */
async function storedIntact(storage: ResultStorage, hash: string): Promise<boolean> {
  if (storage.exists !== undefined && !(await storage.exists(keyOf(hash)))) return false;
  let bytes: Uint8Array;
  try {
    bytes = await storage.read(keyOf(hash));
  } catch {
    return false;
  }
  if (bundleHash(bytes) === hash) return true;
  await storage.delete?.(keyOf(hash));
  return false;
}

/** Registers the bundle routes. */
export function registerBundleRoutes(app: OrdoApp, deps: ServerDeps): void {
  app.openAPIRegistry.registerPath({
    method: "head",
    path: "/api/bundles/{hash}",
    tags,
    summary: "Whether the server has a bundle, intact: 200 or 404, no body",
    request: { params: HashParam },
    responses: { 200: { description: "The server has it" }, 404: { description: "It does not" } },
  });

  app.openapi(routes.put, async (c) => {
    const { hash } = c.req.valid("param");
    const storage = storageOf(deps);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
      throw new OrdoError("ORDO_INVALID_INPUT", "a bundle is a .tar.gz: the body is not gzip data", {
        issues: [{ path: "body", message: "not gzip data" }],
      });
    }
    assertBundleHash(bytes, hash, "the upload");
    if (await storedIntact(storage, hash))
      return c.json({ hash, size: bytes.byteLength, created: false }, 200);
    await storage.write(keyOf(hash), bytes);
    return c.json({ hash, size: bytes.byteLength, created: true }, 201);
  });

  app.openapi(routes.get, async (c) => {
    const { hash } = c.req.valid("param");
    const storage = storageOf(deps);
    // Hono answers HEAD with the GET route (and drops the body): only look, do not read.
    if (c.req.method === "HEAD") {
      if (!(await storedIntact(storage, hash))) throw notStored(hash);
      return c.body(null, 200);
    }
    let bytes: Uint8Array;
    try {
      bytes = await storage.read(keyOf(hash));
    } catch (error) {
      if (error instanceof OrdoError && error.code === "ORDO_RESULT_NOT_AVAILABLE") throw notStored(hash);
      throw error;
    }
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { "content-type": GZIP });
  });
}
