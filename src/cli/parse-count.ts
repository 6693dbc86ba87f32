/**
 * Whole and decimal numbers given on the command line (limits, rates).
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";

/**
 * Parses a non-negative integer named `what`; throws `ORDO_INVALID_INPUT` otherwise.
 *
 * @example
 * ```ts
 * parseCount("10", "the limit"); // 10
 * ```
 */
export function parseCount(raw: string, what: string): number {
  const text = raw.trim();
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    throw new OrdoError("ORDO_INVALID_INPUT", `${what} must be a whole number ≥ 0, got "${raw}"`, {
      [what]: raw,
    });
  }
  return value;
}

/** Parses a non-negative decimal number named `what`; throws `ORDO_INVALID_INPUT` otherwise. */
export function parseRate(raw: string, what: string): number {
  const text = raw.trim();
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) {
    throw new OrdoError("ORDO_INVALID_INPUT", `${what} must be a number ≥ 0, got "${raw}"`, { [what]: raw });
  }
  return value;
}
