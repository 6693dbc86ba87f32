/**
 * Rebuilds the server's error from an error answer: the same `OrdoError` code, message
 * and details the server raised. Pure.
 *
 * @module
 */
import { ErrorCode, OrdoError } from "../../errors/ordo-error.js";

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The `OrdoError` for an error answer with HTTP `status` and parsed JSON `body` (or
 * `undefined` when the body was not JSON). A body in Ordo's format
 * (`{ error: { code, message, details } }`) keeps its code when the code is one of
 * {@link ErrorCode}; anything else becomes `ORDO_SERVER_ERROR` with the status and the
 * server's code in `details`.
 *
 * @example
 * ```ts
 * errorFromResponse(404, { error: { code: "ORDO_NOT_FOUND", message: "no flow run x" } }, url);
 * ```
 */
export function errorFromResponse(status: number, body: unknown, url: string): OrdoError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === "string" && typeof error.message === "string") {
    const details = isRecord(error.details) ? error.details : undefined;
    if (KNOWN_CODES.has(error.code)) return new OrdoError(error.code as ErrorCode, error.message, details);
    return new OrdoError("ORDO_SERVER_ERROR", error.message, {
      ...details,
      status,
      serverCode: error.code,
      url,
    });
  }
  return new OrdoError("ORDO_SERVER_ERROR", `the server answered ${status} without an Ordo error body`, {
    status,
    url,
  });
}
