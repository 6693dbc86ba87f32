/**
 * Changes to the profiles file, as pure functions from one `ProfilesFile` to the next:
 * what `ordo config set|unset` and `ordo profile create|use|delete` do before writing.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import { profileValues } from "./active-profile.js";
import { assertProfileName, DEFAULT_PROFILE } from "./profile-name.js";
import type { ProfileSettingName, ProfileValues, ProfilesFile } from "./profiles-file.js";

function withProfile(file: ProfilesFile, name: string, values: ProfileValues): ProfilesFile {
  return { ...file, profiles: new Map(file.profiles).set(name, values) };
}

/**
 * Adds profile `name`, empty or a copy of profile `from`. Throws `ORDO_INVALID_INPUT` for an
 * invalid name, `ORDO_PROFILE_EXISTS` when it exists, `ORDO_PROFILE_NOT_FOUND` for an
 * unknown `from`.
 *
 * @example
 * ```ts
 * const next = createProfile(file, "staging", "default");
 * ```
 */
export function createProfile(file: ProfilesFile, name: string, from?: string): ProfilesFile {
  assertProfileName(name);
  if (file.profiles.has(name))
    throw new OrdoError("ORDO_PROFILE_EXISTS", `profile ${JSON.stringify(name)} already exists`, {
      profile: name,
    });
  const values = from === undefined ? {} : { ...profileValues(file, from) };
  return withProfile(file, name, values);
}

/**
 * Makes profile `name` the file's active profile. Throws `ORDO_PROFILE_NOT_FOUND`.
 *
 * @example
 * ```ts
 * const next = useProfile(file, "server");
 * ```
 */
export function useProfile(file: ProfilesFile, name: string): ProfilesFile {
  profileValues(file, name);
  return { ...file, active: name };
}

/**
 * Removes profile `name`. Throws `ORDO_PROFILE_NOT_FOUND`, `ORDO_PROFILE_ACTIVE` when it is
 * the file's active profile or `inUse` (chosen by `ORDO_PROFILE`), and `ORDO_INVALID_INPUT`
 * for `default`, which always exists.
 *
 * @example
 * ```ts
 * const next = deleteProfile(file, "old", process.env.ORDO_PROFILE);
 * ```
 */
export function deleteProfile(file: ProfilesFile, name: string, inUse?: string): ProfilesFile {
  profileValues(file, name);
  if (name === DEFAULT_PROFILE)
    throw new OrdoError("ORDO_INVALID_INPUT", "the default profile cannot be deleted", { profile: name });
  if (name === file.active || name === inUse) {
    const how = name === file.active ? "the active profile" : "in use (ORDO_PROFILE)";
    throw new OrdoError(
      "ORDO_PROFILE_ACTIVE",
      `profile ${JSON.stringify(name)} is ${how}; switch with ordo profile use OTHER first`,
      { profile: name },
    );
  }
  const profiles = new Map(file.profiles);
  profiles.delete(name);
  return { ...file, profiles };
}

/**
 * Sets settings in profile `name` (raw text, checked beforehand by the caller). Throws
 * `ORDO_PROFILE_NOT_FOUND`.
 *
 * @example
 * ```ts
 * const next = setProfileValues(file, "default", [["ORDO_LOGGING_LEVEL", "debug"]]);
 * ```
 */
export function setProfileValues(
  file: ProfilesFile,
  name: string,
  assignments: readonly (readonly [ProfileSettingName, string])[],
): ProfilesFile {
  const values: Partial<Record<ProfileSettingName, string>> = { ...profileValues(file, name) };
  for (const [key, value] of assignments) values[key] = value;
  return withProfile(file, name, values);
}

/**
 * Removes settings from profile `name`; names it does not set are ignored. Throws
 * `ORDO_PROFILE_NOT_FOUND`.
 *
 * @example
 * ```ts
 * const next = unsetProfileValues(file, "default", ["ORDO_LOGGING_LEVEL"]);
 * ```
 */
export function unsetProfileValues(
  file: ProfilesFile,
  name: string,
  keys: readonly ProfileSettingName[],
): ProfilesFile {
  const values: Partial<Record<ProfileSettingName, string>> = { ...profileValues(file, name) };
  for (const key of keys) delete values[key];
  return withProfile(file, name, values);
}
