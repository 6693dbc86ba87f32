/**
 * `HttpTransport`: one request to the Ordo API, with a per-attempt timeout, bearer
 * authentication, retries with exponential backoff and jitter on network errors and on
 * 502/503/504/429 (never on other 4xx answers), and error answers rebuilt as `OrdoError`s.
 * Sends with `node:http` (`sendRequest`), on connections kept alive.
 *
 * @module
 */
import { OrdoError } from "../../errors/ordo-error.js";
import { errorFromResponse } from "./error-from-response.js";
import { sendRequest, type RawResponse } from "./send-request.js";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isTransientStatus,
  shouldRetry,
  type RetryMode,
  type RetryPolicy,
} from "./retry-policy.js";

/** How to build an {@link HttpTransport}. */
export interface HttpTransportOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:4200/api`. */
  readonly apiUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>` when set. */
  readonly apiKey?: string | undefined;
  /** Timeout of one attempt, in ms (default 30 000). */
  readonly timeoutMs?: number | undefined;
  /** Retry settings; missing fields take {@link DEFAULT_RETRY_POLICY}'s values. */
  readonly retry?: Partial<RetryPolicy> | undefined;
  /** Told once per outage that the server does not answer and requests are retried. */
  readonly onWarning?: ((message: string) => void) | undefined;
}

/** One request. */
export interface HttpRequest {
  readonly method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Below the API's base URL, starting with `/`. */
  readonly path: string;
  /** A JSON body, already serialized. */
  readonly json?: string | undefined;
  /** A binary body (results, bundles). */
  readonly bytes?: Uint8Array | undefined;
  /** The content type of `bytes` (default `application/octet-stream`). */
  readonly contentType?: string | undefined;
  /** How persistently to retry (default `outage`). */
  readonly retry?: RetryMode | undefined;
  /** What the answer holds (default `json`). */
  readonly answer?: "json" | "bytes" | "none" | undefined;
  /** Ends the request early; an aborted request is not retried. */
  readonly signal?: AbortSignal | undefined;
}

/** The outcome of one attempt that did not succeed but may later. */
type TransientFailure = { readonly cause: unknown; readonly error: OrdoError };

/**
 * The outcome of one attempt: the answer, or a failure that may pass (`transient`: no
 * answer, or 502/503/504/429). Other error answers are thrown.
 */
export type AttemptOutcome<T> = { ok: true; value: T } | { ok: false; failure: TransientFailure };

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/** Waits `ms`, or less when `signal` aborts first. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Requests to one Ordo API, retried while the server is unreachable. */
export class HttpTransport {
  /** The API's base URL, without a trailing slash. */
  readonly apiUrl: string;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;
  readonly #policy: RetryPolicy;
  readonly #onWarning: (message: string) => void;
  #warnedOutage = false;

  constructor(options: HttpTransportOptions) {
    this.apiUrl = options.apiUrl.replace(/\/+$/, "");
    this.#headers = options.apiKey === undefined ? {} : { authorization: `Bearer ${options.apiKey}` };
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#onWarning = options.onWarning ?? (() => undefined);
  }

  /** The retry settings in force. */
  get policy(): RetryPolicy {
    return this.#policy;
  }

  /**
   * Sends `request`, retrying transient failures as its `retry` mode allows. Resolves
   * with the parsed JSON answer (or bytes, or `undefined`); rejects with the server's
   * error, or with `ORDO_SERVER_UNAVAILABLE` naming the URL when it never answered.
   */
  async request<T>(request: HttpRequest): Promise<T> {
    const mode = request.retry ?? "outage";
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt<T>(request);
      if (outcome.ok) {
        this.#warnedOutage = false;
        return outcome.value;
      }
      if (isAborted(request.signal)) throw outcome.failure.error;
      const delay = backoffDelayMs(attempt, this.#policy, Math.random());
      if (!shouldRetry(mode, attempt, Date.now() - started, delay, this.#policy)) throw outcome.failure.error;
      if (
        mode === "outage" &&
        attempt === this.#policy.maxRetries &&
        this.#policy.outageMs > 0 &&
        !this.#warnedOutage
      ) {
        this.#warnedOutage = true;
        this.#onWarning(
          `${outcome.failure.error.message}; retrying for up to ${Math.round(this.#policy.outageMs / 1000)} s`,
        );
      }
      await sleep(delay, request.signal);
      if (isAborted(request.signal)) throw outcome.failure.error;
    }
  }

  /**
   * One attempt of `request`, without retries: resolves with the answer or a transient
   * failure; rejects with the server's error for any other error answer.
   */
  async attempt<T>(request: HttpRequest): Promise<AttemptOutcome<T>> {
    const url = this.apiUrl + request.path;
    let response: RawResponse;
    try {
      response = await sendRequest({
        method: request.method,
        url,
        headers:
          request.json !== undefined
            ? { ...this.#headers, "content-type": "application/json" }
            : request.bytes !== undefined
              ? { ...this.#headers, "content-type": request.contentType ?? "application/octet-stream" }
              : this.#headers,
        body: request.json ?? request.bytes,
        signal:
          request.signal === undefined
            ? AbortSignal.timeout(this.#timeoutMs)
            : AbortSignal.any([request.signal, AbortSignal.timeout(this.#timeoutMs)]),
      });
    } catch (cause) {
      // No whole answer (no connection, closed early, timed out): the request may be sent again.
      return { ok: false, failure: { cause, error: unavailable(url, cause) } };
    }
    if (response.status >= 200 && response.status < 300) {
      try {
        return { ok: true, value: readAnswer<T>(response, request.answer ?? "json") };
      } catch (cause) {
        // A cut-off answer that does not parse: the request may be sent again.
        return { ok: false, failure: { cause, error: unavailable(url, cause) } };
      }
    }
    const error = errorFromResponse(response.status, parseJson(response.body.toString("utf8")), url);
    if (isTransientStatus(response.status)) return { ok: false, failure: { cause: error, error } };
    throw error;
  }
}

function readAnswer<T>(response: RawResponse, answer: "json" | "bytes" | "none"): T {
  if (answer === "bytes") return new Uint8Array(response.body) as T;
  if (answer === "none" || response.status === 204) return undefined as T;
  return JSON.parse(response.body.toString("utf8")) as T;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    const code =
      inner instanceof Error ? ((inner as Error & { code?: string }).code ?? inner.message) : undefined;
    if (cause.name === "TimeoutError" || (inner instanceof Error && inner.name === "TimeoutError")) {
      return "the request timed out";
    }
    return code === undefined ? cause.message : `${cause.message} (${code})`;
  }
  return String(cause);
}

/** `ORDO_SERVER_UNAVAILABLE` for a request to `url` that got no answer. */
function unavailable(url: string, cause: unknown): OrdoError {
  return new OrdoError(
    "ORDO_SERVER_UNAVAILABLE",
    `the Ordo server at ${url} does not answer: ${describe(cause)}`,
    { url },
    { cause },
  );
}
