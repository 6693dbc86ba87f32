/**
 * How errors become HTTP responses: `{ error: { code, message, details } }` with a status
 * chosen by the error's stable code. Bad input is never a 500.
 *
 * @module
 */
import type { ErrorCode } from "../errors/index.js";
import { isOrdoError } from "../errors/index.js";

/** The JSON body of every error response. */
export interface ErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly details?: Record<string, unknown> | undefined;
  };
}

/** HTTP statuses the API answers errors with. */
export type ErrorStatus = 400 | 401 | 404 | 409 | 413 | 415 | 422 | 500 | 503;

const STATUS_BY_CODE: Partial<Record<ErrorCode, ErrorStatus>> = {
  ORDO_MALFORMED_JSON: 400,
  ORDO_NOT_FOUND: 404,
  ORDO_CONCURRENCY_LIMIT_NOT_FOUND: 404,
  ORDO_RESULT_NOT_AVAILABLE: 404,
  ORDO_ROUTE_NOT_FOUND: 404,
  ORDO_CONFLICT: 409,
  ORDO_INVALID_TRANSITION: 409,
  ORDO_NOT_RETRYABLE: 409,
  ORDO_NOT_PAUSED: 409,
  ORDO_CONCURRENCY_TIMEOUT: 409,
  ORDO_PAYLOAD_TOO_LARGE: 413,
  ORDO_BUNDLE_TOO_LARGE: 413,
  ORDO_UNSUPPORTED_MEDIA_TYPE: 415,
  ORDO_INVALID_INPUT: 422,
  ORDO_INVALID_PARAMETERS: 422,
  ORDO_INVALID_SETTING: 422,
  ORDO_UNHASHABLE_INPUT: 422,
  ORDO_BUNDLE_HASH_MISMATCH: 422,
  ORDO_DATABASE_BUSY: 503,
  ORDO_SERVER_UNAVAILABLE: 503,
};

/** The HTTP status for an error code: 500 only for codes that are the server's fault. */
export function statusForCode(code: string): ErrorStatus {
  return STATUS_BY_CODE[code as ErrorCode] ?? 500;
}

/** An error body. */
export function errorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * The status and body for any thrown value: an `OrdoError` keeps its code, message and
 * details; anything else is an internal error whose message is not echoed to the client.
 */
export function errorResponse(error: unknown): { status: ErrorStatus; body: ErrorBody } {
  if (isOrdoError(error)) {
    return { status: statusForCode(error.code), body: errorBody(error.code, error.message, error.details) };
  }
  return { status: 500, body: errorBody("ORDO_SERVER_ERROR", "internal server error") };
}

/**
 * {@link errorResponse} for an error thrown while serving a request; an internal error (a
 * 500) is also logged, since its message is not sent.
 */
export function errorAnswer(error: unknown): { status: ErrorStatus; body: ErrorBody } {
  const answer = errorResponse(error);
  if (answer.status === 500) console.error("[ordo server] internal error:", error);
  return answer;
}
