/**
 * When a cached result stops being valid.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";

/**
 * The time (ms since the epoch) at which a result cached at `now` expires, or
 * `undefined` for "never" when no `cacheExpirationSeconds` was given.
 *
 * @throws OrdoError `ORDO_INVALID_PARAMETERS` for a negative or non-finite duration.
 *
 * @example
 * ```ts
 * cacheExpiresAt(1_700_000_000_000, 3600); // 1_700_003_600_000
 * cacheExpiresAt(Date.now(), undefined);   // undefined: valid until refreshed
 * ```
 */
export function cacheExpiresAt(now: number, cacheExpirationSeconds: number | undefined): number | undefined {
  if (cacheExpirationSeconds === undefined) return undefined;
  if (!Number.isFinite(cacheExpirationSeconds) || cacheExpirationSeconds < 0) {
    throw new OrdoError(
      "ORDO_INVALID_PARAMETERS",
      `cacheExpirationSeconds must be a finite number >= 0, got ${String(cacheExpirationSeconds)}`,
      { field: "cacheExpirationSeconds" },
    );
  }
  return now + Math.round(cacheExpirationSeconds * 1000);
}
