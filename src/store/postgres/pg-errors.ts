/**
 * PostgreSQL errors as Ordo's typed errors, with the codes the SQLite store uses:
 * a broken constraint or a value the database refuses → `ORDO_INVALID_INPUT` (the run
 * recorder then splits the batch to find the bad item); an unreachable server, a lock or
 * deadlock that outlasted the retries → `ORDO_DATABASE_BUSY` (the caller keeps its data
 * and tries again later).
 *
 * @module
 */
import { OrdoError } from "../../errors/index.js";

/** SQLSTATEs after which the whole transaction may simply be run again. */
const RETRYABLE_STATES = new Set(["40001", "40P01"]); // serialization failure, deadlock

/** SQLSTATEs that say the server is not available (shutting down, starting, full). */
const UNAVAILABLE_STATES = new Set(["57P01", "57P02", "57P03", "53300", "55P03"]);

/** Node socket errors of a server that cannot be reached. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
]);

function codeOf(error: unknown): string {
  if (typeof error !== "object" || error === null || !("code" in error)) return "";
  return typeof error.code === "string" ? error.code : "";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** True when running the transaction again may succeed (serialization failure, deadlock). */
export function isRetryableError(error: unknown): boolean {
  return RETRYABLE_STATES.has(codeOf(error));
}

/** True for a broken constraint (class 23) or a value the database refuses (class 22). */
function isInvalidInput(code: string): boolean {
  return code.startsWith("23") || code.startsWith("22");
}

/** True when the server could not be reached or dropped the connection. */
function isUnavailable(code: string, message: string): boolean {
  return (
    SOCKET_CODES.has(code) ||
    code.startsWith("08") ||
    UNAVAILABLE_STATES.has(code) ||
    /^Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  );
}

/**
 * The error to throw for a failed `operation`: an `OrdoError` when the failure has an
 * Ordo code (see the module doc), else the error unchanged.
 */
export function toOrdoError(error: unknown, operation: string): unknown {
  if (error instanceof OrdoError) return error;
  const code = codeOf(error);
  const message = messageOf(error);
  if (isInvalidInput(code)) {
    return new OrdoError(
      "ORDO_INVALID_INPUT",
      `${operation} rejected by the database: ${message}`,
      { operation, postgresCode: code },
      { cause: error },
    );
  }
  if (isRetryableError(error) || isUnavailable(code, message)) {
    return new OrdoError(
      "ORDO_DATABASE_BUSY",
      `${operation}: the PostgreSQL database is not available: ${message}`,
      { operation, postgresCode: code },
      { cause: error },
    );
  }
  return error;
}
