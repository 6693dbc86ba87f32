/**
 * Which profile is in use: `ORDO_PROFILE` when set, else the file's `active`.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import type { ProfileValues, ProfilesFile } from "./profiles-file.js";

/** The profile in use and what chose it. */
export interface ActiveProfile {
  readonly name: string;
  /** `ORDO_PROFILE` (the environment variable) or `profiles.toml` (its `active` key). */
  readonly selectedBy: "ORDO_PROFILE" | "profiles.toml";
  readonly values: ProfileValues;
}

/**
 * The name of the profile in use and what chose it, without checking that it exists.
 *
 * @example
 * ```ts
 * activeProfileName(file, { ORDO_PROFILE: "server" }); // { name: "server", selectedBy: "ORDO_PROFILE" }
 * ```
 */
export function activeProfileName(
  file: ProfilesFile,
  env: Readonly<Record<string, string | undefined>>,
): Pick<ActiveProfile, "name" | "selectedBy"> {
  const chosen = env.ORDO_PROFILE;
  if (chosen !== undefined && chosen !== "") return { name: chosen, selectedBy: "ORDO_PROFILE" };
  return { name: file.active, selectedBy: "profiles.toml" };
}

/**
 * The values of profile `name`, or `ORDO_PROFILE_NOT_FOUND` listing the profiles there are.
 *
 * @example
 * ```ts
 * const values = profileValues(file, "server");
 * ```
 */
export function profileValues(file: ProfilesFile, name: string, chosenBy?: string): ProfileValues {
  const values = file.profiles.get(name);
  if (values !== undefined) return values;
  const by = chosenBy === undefined ? "" : ` (from ${chosenBy})`;
  throw new OrdoError(
    "ORDO_PROFILE_NOT_FOUND",
    `profile ${JSON.stringify(name)}${by} not found; the profiles are: ${[...file.profiles.keys()].join(", ")}`,
    { profile: name },
  );
}

/**
 * The profile in use: `ORDO_PROFILE` when set (and not empty), else the file's `active`.
 * Throws `ORDO_PROFILE_NOT_FOUND` when that profile does not exist.
 *
 * @example
 * ```ts
 * const { name, values } = activeProfile(file, process.env);
 * ```
 */
export function activeProfile(
  file: ProfilesFile,
  env: Readonly<Record<string, string | undefined>>,
): ActiveProfile {
  const { name, selectedBy } = activeProfileName(file, env);
  return { name, selectedBy, values: profileValues(file, name, selectedBy) };
}
