/**
 * Retry delays: how long to wait before retry number n.
 *
 * @module
 */

/** A delay policy: seconds, a list of seconds (the last repeats), or a function of the retry number. */
export type RetryDelay = number | readonly number[] | ((attempt: number) => number);

/**
 * Exponential back-off: `factor × 2^(n−1)` seconds before retry n (1, 2, 4, … × factor).
 *
 * @example
 * ```ts
 * task({ retries: 4, retryDelaySeconds: exponentialBackoff(2) }, fn); // 2, 4, 8, 16 s
 * ```
 */
export function exponentialBackoff(factor: number): (attempt: number) => number {
  if (!(factor >= 0)) throw new RangeError(`exponentialBackoff: factor must be >= 0, got ${factor}`);
  return (attempt) => factor * 2 ** Math.max(0, attempt - 1);
}

/** The base delay in seconds before retry `attempt` (1 = first retry), before jitter. */
export function baseRetryDelaySeconds(delay: RetryDelay | undefined, attempt: number): number {
  if (delay === undefined) return 0;
  if (typeof delay === "number") return delay;
  if (typeof delay === "function") return delay(attempt);
  if (delay.length === 0) return 0;
  return delay[Math.min(attempt, delay.length) - 1] ?? 0;
}

/**
 * The delay in milliseconds before retry `attempt`, with jitter: the base delay times
 * `1 + jitterFactor × (2r − 1)` for a random `r` in [0, 1), so a factor of 0.5 spreads a
 * 10 s delay over 5–15 s. Never negative.
 */
export function retryDelayMs(
  delay: RetryDelay | undefined,
  attempt: number,
  jitterFactor: number | undefined,
  random: number,
): number {
  const base = baseRetryDelaySeconds(delay, attempt);
  const jitter = jitterFactor ? 1 + jitterFactor * (2 * random - 1) : 1;
  return Math.max(0, Math.round(base * jitter * 1000));
}
