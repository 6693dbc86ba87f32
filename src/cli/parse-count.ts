/**
 * Whole-number options such as `--concurrency 4` or `--priority 1`.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";

/**
 * Parses a whole number (0 or more) given for `option`; `undefined` stays undefined.
 * Throws `ORDO_INVALID_INPUT` naming the option otherwise.
 *
 * @example
 * ```ts
 * parseCount("4", "--concurrency"); // 4
 * ```
 */
export function parseCount(raw: string | undefined, option: string): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) {
    throw new OrdoError("ORDO_INVALID_INPUT", `${option} must be a whole number, got "${raw}"`, {
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
