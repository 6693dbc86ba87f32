/**
 * Numbers given on the command line: limits, rates, priorities, durations.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";

/**
 * Parses a whole number named `what`, `min` or more (0 by default); throws
 * `ORDO_INVALID_INPUT` otherwise.
 *
 * @example
 * ```ts
 * parseCount("10", "the limit"); // 10
 * parseCount("0", "the priority", 1); // throws: the priority must be a whole number ≥ 1
 * ```
 */
export function parseCount(raw: string, what: string, min = 0): number {
  const text = raw.trim();
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new OrdoError("ORDO_INVALID_INPUT", `${what} must be a whole number ≥ ${min}, got "${raw}"`, {
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

/**
 * Parses a whole number (`min` or more, 0 by default) given for `option`; `undefined`
 * stays undefined. Throws `ORDO_INVALID_INPUT` naming the option otherwise.
 *
 * @example
 * ```ts
 * parseOptionalCount("4", "--concurrency"); // 4
 * parseOptionalCount("0", "--limit", 1);    // throws: --limit must be a whole number ≥ 1
 * ```
 */
export function parseOptionalCount(raw: string | undefined, option: string, min = 0): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    const bound = min === 0 ? "" : ` ≥ ${min}`;
    throw new OrdoError("ORDO_INVALID_INPUT", `${option} must be a whole number${bound}, got "${raw}"`, {
      option,
      value: raw,
    });
  }
  return value;
}

/**
 * Parses a duration such as `90`, `90s`, `10m`, `2h` or `1d` into seconds. Throws
 * `ORDO_INVALID_INPUT` naming the option otherwise.
 *
 * @example
 * ```ts
 * parseDurationSeconds("10m", "--start-in"); // 600
 * ```
 */
export function parseDurationSeconds(raw: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/.exec(raw.trim());
  if (match === null) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `${option} must be a duration like 90s, 10m, 2h or 1d, got "${raw}"`,
      {
        option,
        value: raw,
      },
    );
  }
  const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] ?? "s"] ?? 1;
  return Number(match[1]) * unit;
}
