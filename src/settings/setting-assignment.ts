/**
 * `KEY=VALUE` assignments for a profile (`ordo config set`), checked before anything is
 * written: a known setting that a profile may hold, and a value its schema accepts.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import type { ProfileSettingName } from "./profiles-file.js";
import { parseSettingValue, toSettingName } from "./setting-value.js";

/**
 * `key` as a setting a profile may hold. Throws `ORDO_UNKNOWN_SETTING` for an unknown
 * name and `ORDO_INVALID_INPUT` for `ORDO_HOME` (it locates the profiles file).
 *
 * @example
 * ```ts
 * toProfileSettingName("ORDO_API_URL"); // "ORDO_API_URL"
 * ```
 */
export function toProfileSettingName(key: string): ProfileSettingName {
  const name = toSettingName(key);
  if (name === "ORDO_HOME")
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      "ORDO_HOME cannot be set in a profile: it locates profiles.toml; set the environment variable instead",
      { setting: name },
    );
  return name;
}

/**
 * Parses one `KEY=VALUE` (split at the first `=`) for profile `profile` and checks the
 * value with the setting's schema. Throws `ORDO_INVALID_INPUT` (no `=`, empty value),
 * `ORDO_UNKNOWN_SETTING`, or `ORDO_INVALID_SETTING` with source `profile <name>`.
 *
 * @example
 * ```ts
 * parseSettingAssignment("ORDO_SERVER_PORT=8080", "default"); // ["ORDO_SERVER_PORT", "8080"]
 * ```
 */
export function parseSettingAssignment(text: string, profile: string): readonly [ProfileSettingName, string] {
  const at = text.indexOf("=");
  if (at <= 0)
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `invalid assignment ${JSON.stringify(text)}: expected KEY=VALUE`,
      {
        assignment: text,
      },
    );
  const name = toProfileSettingName(text.slice(0, at));
  const value = text.slice(at + 1);
  if (value === "")
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `empty value for ${name}: use ordo config unset ${name} to remove it from the profile`,
      { setting: name },
    );
  parseSettingValue(name, value, `profile ${profile}`);
  return [name, value];
}
