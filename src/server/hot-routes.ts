/**
 * A lighter HTTP path for the two requests a running flow sends most: `POST
 * /api/flow_runs` and `POST /api/flow_runs/{id}/set_state`.
 *
 * Through Hono each request is wrapped for the Fetch API (a `Request`, a context, a
 * `Response`), routed among about a hundred routes and validated by middleware; for these
 * two small JSON requests that is about as much CPU as the orchestration and the SQLite
 * write behind them. Here a request on one of the two paths is read straight from Node's
 * `IncomingMessage`, validated with the same zod schemas as the routes, handed to the same
 * `api/` functions (so the orchestration rules, idempotency keys and events are the same),
 * and answered with the same JSON and status.
 *
 * Only the plain case is served here: `content-type: application/json`, a `content-length`
 * within the JSON limit, no query string, an id of letters, digits, `-` and `_`, a body
 * that parses and validates. Anything else (a malformed or invalid body, an odd header, a
 * chunked body) goes to the Hono app with the bytes already read (`rawBody`, which
 * `@hono/node-server` reads instead of the socket), so every error answer stays the
 * app's own.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import * as api from "../api/index.js";
import { FlowRunCreateSchema, SetFlowRunStateBodySchema } from "../schemas/index.js";
import type { Store } from "../store/index.js";
import { errorAnswer } from "./http-errors.js";

/** A Node request listener (`@hono/node-server`'s answers a Promise, settled once it has answered). */
export type RequestListener = (incoming: IncomingMessage, outgoing: ServerResponse) => void | Promise<void>;

/** A request body handed on to the app: `@hono/node-server` reads `rawBody` when it is set. */
type ReadIncoming = IncomingMessage & { rawBody?: Buffer };

/** What a hot request asks for, once its body is validated; undefined: not served here. */
type HotCall = () => Promise<{ readonly status: number; readonly body: unknown }>;

const SET_STATE_PATH = /^\/api\/flow_runs\/([\w-]{1,64})\/set_state$/;
const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** The call for a parsed `body` sent to `url`, or undefined when the app must answer. */
function hotCall(store: Store, url: string, body: unknown): HotCall | undefined {
  if (url === "/api/flow_runs") {
    const parsed = FlowRunCreateSchema.safeParse(body);
    if (!parsed.success) return undefined;
    return async () => ({ status: 201, body: await api.createValidFlowRun(store, parsed.data) });
  }
  const id = SET_STATE_PATH.exec(url)?.[1];
  if (id === undefined) return undefined;
  const parsed = SetFlowRunStateBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { state, ...options } = parsed.data;
  return async () => ({ status: 200, body: await api.setValidFlowRunState(store, id, state, options) });
}

/** True for a request this path may read: a POST to a hot path with a JSON body of known, allowed length. */
function isHotRequest(incoming: IncomingMessage, jsonLimit: number): boolean {
  const url = incoming.url ?? "";
  if (incoming.method !== "POST" || !(url === "/api/flow_runs" || SET_STATE_PATH.test(url))) return false;
  const { headers } = incoming;
  const length = headers["content-length"];
  return (
    JSON_TYPE.test(headers["content-type"] ?? "") &&
    headers["transfer-encoding"] === undefined &&
    length !== undefined &&
    /^\d+$/.test(length) &&
    Number(length) <= jsonLimit
  );
}

function send(outgoing: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  outgoing.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  outgoing.end(text);
}

/**
 * Wraps `app` (the Hono app's Node listener) with the lighter path for the hot requests;
 * every other request goes to `app` untouched.
 *
 * @example
 * ```ts
 * const listener = withHotRoutes(store, 32 * 1024 * 1024, getRequestListener(app.fetch));
 * http.createServer(listener).listen(4200);
 * ```
 */
export function withHotRoutes(
  store: Store,
  jsonLimit: number,
  app: RequestListener,
): (incoming: IncomingMessage, outgoing: ServerResponse) => void {
  return (incoming, outgoing) => {
    if (!isHotRequest(incoming, jsonLimit)) {
      void app(incoming, outgoing);
      return;
    }
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      let call: HotCall | undefined;
      try {
        call = hotCall(store, incoming.url ?? "", JSON.parse(raw.toString("utf8")));
      } catch {
        call = undefined; // not JSON: the app answers ORDO_MALFORMED_JSON
      }
      if (call === undefined) {
        (incoming as ReadIncoming).rawBody = raw;
        void app(incoming, outgoing);
        return;
      }
      call().then(
        (answer) => send(outgoing, answer.status, answer.body),
        (error: unknown) => {
          const { status, body } = errorAnswer(error);
          send(outgoing, status, body);
        },
      );
    });
  };
}
