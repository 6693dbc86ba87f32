/**
 * The size limit on JSON request bodies, checked from the `content-length` header when
 * there is one.
 *
 * Hono's `bodyLimit` reads `c.req.raw.body` first, which makes `@hono/node-server` build a
 * full web `Request` (an `AbortSignal`, a `ReadableStream` over the socket) for every
 * request: a tenth of the server's time under load. A body with a `content-length` (and
 * no `transfer-encoding`) is never longer than that header (Node's HTTP parser stops
 * there), so the header alone decides, and the body is later read through the adapter's
 * fast path. A body without one (chunked) still goes through `bodyLimit`, which counts it.
 *
 * @module
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/**
 * A middleware refusing bodies over `maxSize` bytes with `onError`'s answer.
 *
 * @example
 * ```ts
 * app.use("/api/*", jsonBodyLimit(32 * 1024 * 1024, () => new Response(null, { status: 413 })));
 * ```
 */
export function jsonBodyLimit(maxSize: number, onError: () => Response): MiddlewareHandler {
  const counted = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined && /^\d+$/.test(length)) {
      return Number(length) > maxSize ? onError() : next();
    }
    return counted(c, next);
  };
}
