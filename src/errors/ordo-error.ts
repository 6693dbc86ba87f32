/**
 * Typed errors with stable string codes.
 *
 * Every error Ordo raises on purpose is an {@link OrdoError} with a `code` from
 * {@link ErrorCode}. Codes are stable: scripts, the HTTP API and the client rely on them.
 *
 * @module
 */

/** The stable error codes Ordo uses. */
export const ErrorCode = {
  InvalidParameters: "ORDO_INVALID_PARAMETERS",
  UnhashableInput: "ORDO_UNHASHABLE_INPUT",
  ResultNotSerializable: "ORDO_RESULT_NOT_SERIALIZABLE",
  ResultNotAvailable: "ORDO_RESULT_NOT_AVAILABLE",
  NotFound: "ORDO_NOT_FOUND",
  InvalidTransition: "ORDO_INVALID_TRANSITION",
  InvalidInput: "ORDO_INVALID_INPUT",
  InvalidEntrypoint: "ORDO_INVALID_ENTRYPOINT",
  InvalidSetting: "ORDO_INVALID_SETTING",
  UpstreamFailed: "ORDO_UPSTREAM_FAILED",
  TimedOut: "ORDO_TIMED_OUT",
  /** The flow run was cancelled (by a request to the server, or with its parent run). */
  Cancelled: "ORDO_CANCELLED",
  DatabaseBusy: "ORDO_DATABASE_BUSY",
  NotRetryable: "ORDO_NOT_RETRYABLE",
  NoActiveRun: "ORDO_NO_ACTIVE_RUN",
  MalformedJson: "ORDO_MALFORMED_JSON",
  UnsupportedMediaType: "ORDO_UNSUPPORTED_MEDIA_TYPE",
  PayloadTooLarge: "ORDO_PAYLOAD_TOO_LARGE",
  Conflict: "ORDO_CONFLICT",
  ServerUnavailable: "ORDO_SERVER_UNAVAILABLE",
  ServerError: "ORDO_SERVER_ERROR",
  RouteNotFound: "ORDO_ROUTE_NOT_FOUND",
  // Pausing and resuming flow runs.
  NotPaused: "ORDO_NOT_PAUSED",
  NotInFlow: "ORDO_NOT_IN_FLOW",
  PauseTimedOut: "ORDO_PAUSE_TIMED_OUT",
  // Concurrency limits (`concurrency()`, `rateLimit()`).
  ConcurrencyLimitNotFound: "ORDO_CONCURRENCY_LIMIT_NOT_FOUND",
  ConcurrencyTimeout: "ORDO_CONCURRENCY_TIMEOUT",
  // Settings profiles (profiles.toml, `ordo config`, `ordo profile`).
  UnknownSetting: "ORDO_UNKNOWN_SETTING",
  InvalidProfilesFile: "ORDO_INVALID_PROFILES_FILE",
  ProfileNotFound: "ORDO_PROFILE_NOT_FOUND",
  ProfileExists: "ORDO_PROFILE_EXISTS",
  ProfileActive: "ORDO_PROFILE_ACTIVE",
  /** A command that needs a server (a worker) found no ORDO_API_URL. */
  NoServer: "ORDO_NO_SERVER",
  // Deployment sources: project bundles and git repositories.
  /** A project bundle is over the size limit. */
  BundleTooLarge: "ORDO_BUNDLE_TOO_LARGE",
  /** Uploaded or downloaded bundle bytes whose sha256 is not the bundle's hash. */
  BundleHashMismatch: "ORDO_BUNDLE_HASH_MISMATCH",
  /** A worker could not get a run's code (bundle download or extraction, git clone). */
  SourceUnavailable: "ORDO_SOURCE_UNAVAILABLE",
} as const;

/** One of the stable error codes in {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const BRAND = Symbol.for("ordo.error");

/**
 * The base class of Ordo's errors: a message for people, a stable `code` for programs and
 * optional `details` (for example the invalid field of a parameter).
 *
 * @example
 * ```ts
 * try { await etl({ n: "x" }); } catch (e) { if (e instanceof OrdoError) console.log(e.code); }
 * ```
 */
export class OrdoError extends Error {
  /**
   * `instanceof OrdoError` holds for errors made by any copy of Ordo in the process (a
   * bundled copy and an installed one), by a brand rather than by prototype.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly [BRAND] = true;
  /** The stable code, for example `ORDO_INVALID_PARAMETERS`. */
  readonly code: ErrorCode;
  /** Machine-readable context: the field that failed, the run id, … */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: ErrorOptions) {
    super(message, options);
    this.name = "OrdoError";
    this.code = code;
    this.details = details;
  }
}

/** True when `value` is an {@link OrdoError}, optionally with the given code. */
export function isOrdoError(value: unknown, code?: ErrorCode): value is OrdoError {
  return value instanceof OrdoError && (code === undefined || value.code === code);
}
