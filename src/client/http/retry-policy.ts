/**
 * When the HTTP client tries a request again, and how long it waits first. Pure: the
 * caller passes the attempt number, the time spent and a random number.
 *
 * @module
 */

/** How persistently a request is retried. */
export type RetryMode =
  /** Up to `maxRetries`, and beyond that for as long as the outage window lasts. */
  | "outage"
  /** Up to `maxRetries` only. */
  | "quick"
  /** One attempt (heartbeats, the outbox's own attempts). */
  | "none";

/** The retry settings of a client. */
export interface RetryPolicy {
  /** Retries of a failed request before the outage window counts (default 5). */
  readonly maxRetries: number;
  /** How long `outage` requests keep trying an unreachable server, in ms (default 300 000). */
  readonly outageMs: number;
  /** First backoff delay, in ms (default 100). */
  readonly baseDelayMs: number;
  /** Longest backoff delay, in ms (default 5 000). */
  readonly maxDelayMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  outageMs: 300_000,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
};

/** HTTP statuses that mean "try again later": a proxy or the server is not ready. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** True for a status worth retrying (502, 503, 504, 429); never for 4xx answers otherwise. */
export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status);
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): exponential from
 * `baseDelayMs`, capped at `maxDelayMs`, with jitter that keeps it in `[50 %, 100 %]`
 * of that value so many clients do not retry in step.
 *
 * @example
 * ```ts
 * backoffDelayMs(3, DEFAULT_RETRY_POLICY, 0.5); // 300: 400 ms scaled by 0.75
 * ```
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: number): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped * (0.5 + 0.5 * random));
}

/**
 * Whether a request that failed transiently on attempt `attempt`, `elapsedMs` after its
 * first attempt, is tried again after waiting `delayMs`.
 */
export function shouldRetry(
  mode: RetryMode,
  attempt: number,
  elapsedMs: number,
  delayMs: number,
  policy: RetryPolicy,
): boolean {
  if (mode === "none") return false;
  if (attempt <= policy.maxRetries) return true;
  return mode === "outage" && elapsedMs + delayMs < policy.outageMs;
}
