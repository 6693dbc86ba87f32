/**
 * Profile names: a letter or digit, then up to 63 letters, digits, `_`, `.` or `-`.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";

/** The profile every profiles file has, active when nothing else is chosen. */
export const DEFAULT_PROFILE = "default";

/** The form of a profile name. */
export const PROFILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * True when `name` is a valid profile name.
 *
 * @example
 * ```ts
 * isProfileName("staging-eu.1"); // true
 * isProfileName("-x");           // false
 * ```
 */
export function isProfileName(name: string): boolean {
  return PROFILE_NAME_PATTERN.test(name);
}

/**
 * Throws `ORDO_INVALID_INPUT` unless `name` is a valid profile name.
 *
 * @example
 * ```ts
 * assertProfileName("staging"); // ok
 * assertProfileName("my profile"); // throws
 * ```
 */
export function assertProfileName(name: string): void {
  if (isProfileName(name)) return;
  throw new OrdoError(
    "ORDO_INVALID_INPUT",
    `invalid profile name ${JSON.stringify(name)}: expected a letter or digit, then up to 63 letters, digits, "_", "." or "-"`,
    { profile: name },
  );
}
