/**
 * The API's error answer as a typed error: `{ error: { code, message, details } }`.
 *
 * @module
 */

/** An error the API answered with (or a network failure, code `ORDO_NETWORK_ERROR`). */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    /** The API's stable error code, e.g. `ORDO_INVALID_PARAMETERS`. */
    readonly code: string,
    message: string,
    /** The HTTP status (0 for a network failure). */
    readonly status: number,
    /** The error's details, e.g. `{ issues: [{ path, message }] }` for a 422. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** One field problem of a 422 answer. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The field problems a 422 names, as dotted paths (`config.retries`). Empty when the
 * error names no field.
 */
export function fieldIssues(error: unknown): readonly FieldIssue[] {
  if (!(error instanceof ApiError) || error.details === undefined) return [];
  const issues = error.details["issues"];
  if (!Array.isArray(issues)) return [];
  const out: FieldIssue[] = [];
  for (const issue of issues as unknown[]) {
    if (typeof issue !== "object" || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const dotted = Array.isArray(path) ? path.map(String).join(".") : typeof path === "string" ? path : "";
    out.push({
      path: dotted.replace(/^\//, "").replaceAll("/", "."),
      message: typeof message === "string" ? message : "is invalid",
    });
  }
  return out;
}
