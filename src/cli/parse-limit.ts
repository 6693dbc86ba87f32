/**
 * `--limit N` for list commands.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";

/**
 * Parses a `--limit` value: an integer from 1 to `max`. `undefined` gives `fallback`.
 * Throws `ORDO_INVALID_INPUT` otherwise.
 *
 * @example
 * ```ts
 * parseLimit("50", 20, 1000); // 50
 * parseLimit(undefined, 20, 1000); // 20
 * ```
 */
export function parseLimit(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const text = raw.trim();
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new OrdoError("ORDO_INVALID_INPUT", `--limit must be an integer from 1 to ${max}, got "${raw}"`, {
      limit: raw,
    });
  }
  return value;
}
