/**
 * Which strings may be result storage keys.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";

const SAFE_KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/**
 * True when `key` is a safe storage key: 1 to 200 characters among letters, digits,
 * `.`, `_` and `-`, not starting with `.`. Safe keys are plain file names on every
 * platform: no separators, no `..`, no hidden files.
 *
 * @example
 * ```ts
 * isSafeStorageKey("0190d3c2-6c4b-7d1e-9f00-1a2b3c4d5e6f"); // true
 * isSafeStorageKey("../../etc/passwd");                     // false
 * ```
 */
export function isSafeStorageKey(key: string): boolean {
  return SAFE_KEY.test(key);
}

/**
 * Throws unless `key` is a safe storage key.
 *
 * @throws OrdoError `ORDO_INVALID_INPUT` naming the key.
 *
 * @example
 * ```ts
 * assertStorageKey("results/../../x"); // throws ORDO_INVALID_INPUT
 * ```
 */
export function assertStorageKey(key: string): void {
  if (!isSafeStorageKey(key)) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `invalid result storage key ${JSON.stringify(key.slice(0, 100))}: keys are 1–200 letters, digits, ".", "_" or "-" and do not start with "."`,
      { key: key.slice(0, 200) },
    );
  }
}
