/**
 * One HTTP exchange over `node:http` / `node:https`: sends a request and reads the whole
 * answer. Lighter than the global `fetch` for a short-lived process: `fetch` loads its
 * own HTTP stack (undici, web streams, a WebAssembly parser) on first use, about 60 ms of
 * CPU time in every run's process and CLI command. Connections are kept alive by the
 * default agent.
 *
 * @module
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

/** A request to send. */
export interface RawRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array | undefined;
  /** Ends the exchange (the promise rejects with an `AbortError` whose `cause` is the reason). */
  readonly signal: AbortSignal;
}

/** A whole answer. */
export interface RawResponse {
  readonly status: number;
  readonly body: Buffer;
}

function byteLength(body: string | Uint8Array): number {
  return typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
}

/**
 * Sends `request` and resolves with the answer's status and body; rejects when no whole
 * answer arrives (no connection, a connection closed early, the signal).
 *
 * @example
 * ```ts
 * const answer = await sendRequest({ method: "GET", url: "http://127.0.0.1:4200/api/health",
 *   headers: {}, signal: AbortSignal.timeout(5000) });
 * ```
 */
export function sendRequest(request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const headers: OutgoingHttpHeaders = { ...request.headers };
    if (request.body !== undefined) headers["content-length"] = byteLength(request.body);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const outgoing = send(
      url,
      { method: request.method, headers, signal: request.signal },
      (answer: IncomingMessage) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("error", reject);
        answer.on("close", () => {
          if (answer.complete) resolve({ status: answer.statusCode ?? 0, body: Buffer.concat(chunks) });
          else reject(new Error("the connection closed before the whole answer arrived"));
        });
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}
