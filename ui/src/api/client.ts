/**
 * The UI's one way to call the API: JSON in, JSON out, errors as {@link ApiError} with the
 * API's stable code. Same origin (`/api`), as `ordo server start` serves the UI.
 *
 * @module
 */
import { ApiError } from "./api-error.js";

/** Where the API lives, relative to the page. */
export const API_BASE = "/api";

/** Options of one call. */
export interface ApiRequest {
  readonly method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  readonly body?: unknown;
  readonly signal?: AbortSignal | undefined;
}

/** Calls `path` (below `/api`) and returns its JSON answer (`undefined` for 204). */
export async function api<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const method = request.method ?? (request.body === undefined ? "GET" : "POST");
  let response: Response;
  try {
    response = await fetch(API_BASE + path, {
      method,
      headers: request.body === undefined ? {} : { "content-type": "application/json" },
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: request.signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError("ORDO_NETWORK_ERROR", "the Ordo server cannot be reached", 0);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string; details?: Record<string, unknown> } })
      ?.error;
    throw new ApiError(
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? (response.statusText || `HTTP ${response.status}`),
      response.status,
      error?.details,
    );
  }
  return body as T;
}

/** `api` with a JSON body, POST by default. */
export function post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return api<T>(path, { method: "POST", body, signal });
}
