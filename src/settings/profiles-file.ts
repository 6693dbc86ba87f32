/**
 * The profiles file, `ORDO_HOME/profiles.toml`, as data: parsing with validation and
 * serializing. Pure: reading and writing the file is `profiles-store.ts`.
 *
 * ```toml
 * active = "default"
 *
 * [profiles.default]
 *
 * [profiles.server]
 * ORDO_API_URL = "http://127.0.0.1:4200/api"
 * ```
 *
 * @module
 */
import { parse, stringify, TomlError } from "smol-toml";
import { OrdoError } from "../errors/ordo-error.js";
import { DEFAULT_PROFILE, isProfileName } from "./profile-name.js";
import type { SettingName } from "./setting-definitions.js";
import { isSettingName } from "./setting-value.js";

/**
 * The settings a profile may hold: every setting but `ORDO_HOME`, which locates the
 * profiles file and so comes from the environment or its default only.
 */
export type ProfileSettingName = Exclude<SettingName, "ORDO_HOME">;

/** The raw text of the settings a profile sets, by name; validated when resolved. */
export type ProfileValues = Readonly<Partial<Record<ProfileSettingName, string>>>;

/** The contents of `profiles.toml`. */
export interface ProfilesFile {
  /** The profile in use unless `ORDO_PROFILE` chooses another. */
  readonly active: string;
  /** The profiles by name, in file order; always holds `default`. */
  readonly profiles: ReadonlyMap<string, ProfileValues>;
}

/**
 * The profiles of an Ordo home without a profiles file: one empty `default` profile, active.
 *
 * @example
 * ```ts
 * emptyProfilesFile(); // { active: "default", profiles: Map { "default" => {} } }
 * ```
 */
export function emptyProfilesFile(): ProfilesFile {
  return { active: DEFAULT_PROFILE, profiles: new Map([[DEFAULT_PROFILE, {}]]) };
}

function invalid(path: string, problem: string): OrdoError {
  return new OrdoError("ORDO_INVALID_PROFILES_FILE", `${path}: ${problem}`, { path, problem });
}

/** True for a TOML table (a plain object), false for arrays, dates and scalars. */
function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function parseToml(text: string, path: string): Record<string, unknown> {
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const message = (error.message.split("\n")[0] ?? "").replace(/^Invalid TOML document:\s*/, "");
    throw invalid(path, `invalid TOML at line ${error.line}, column ${error.column}: ${message}`);
  }
}

function parseProfile(name: string, table: unknown, path: string): ProfileValues {
  if (!isProfileName(name)) throw invalid(path, `invalid profile name ${JSON.stringify(name)}`);
  if (!isTable(table))
    throw invalid(path, `profile ${JSON.stringify(name)} is not a table ([profiles.${name}])`);
  const values: Partial<Record<ProfileSettingName, string>> = {};
  for (const [key, value] of Object.entries(table)) {
    if (!isSettingName(key))
      throw invalid(path, `profile ${JSON.stringify(name)} sets unknown setting ${JSON.stringify(key)}`);
    if (key === "ORDO_HOME")
      throw invalid(
        path,
        `profile ${JSON.stringify(name)} sets ORDO_HOME, which locates this file: set it in the environment`,
      );
    if (typeof value !== "string") {
      const hint = ["number", "boolean", "bigint"].includes(typeof value)
        ? ` (write ${key} = ${JSON.stringify(String(value))})`
        : "";
      throw invalid(path, `profile ${JSON.stringify(name)}: ${key} must be a string${hint}`);
    }
    values[key] = value;
  }
  return values;
}

/**
 * Parses and checks the text of `profiles.toml`. Throws `ORDO_INVALID_PROFILES_FILE`
 * naming `path` and the problem for TOML syntax errors, unknown top-level keys, a profile
 * that is not a table or has an invalid name, and unknown setting names or non-string
 * values inside a profile. Values themselves are checked by each setting's schema when
 * settings are resolved. A missing `active` means `default`; a missing `default` profile
 * is added, empty.
 *
 * @example
 * ```ts
 * const file = parseProfilesFile('active = "server"\n[profiles.server]\nORDO_SERVER_PORT = "8080"\n', path);
 * file.profiles.get("server"); // { ORDO_SERVER_PORT: "8080" }
 * ```
 */
export function parseProfilesFile(text: string, path: string): ProfilesFile {
  const document = parseToml(text, path);
  for (const key of Object.keys(document)) {
    if (key !== "active" && key !== "profiles")
      throw invalid(
        path,
        `unknown top-level key ${JSON.stringify(key)} (expected active and [profiles.NAME])`,
      );
  }
  const active = document.active ?? DEFAULT_PROFILE;
  if (typeof active !== "string" || !isProfileName(active))
    throw invalid(path, `active must be a profile name, not ${JSON.stringify(active)}`);
  const tables = document.profiles ?? {};
  if (!isTable(tables)) throw invalid(path, "profiles must be a table of profiles ([profiles.NAME])");
  const profiles = new Map<string, ProfileValues>([[DEFAULT_PROFILE, {}]]);
  for (const [name, table] of Object.entries(tables)) profiles.set(name, parseProfile(name, table, path));
  return { active, profiles };
}

/**
 * The text of `profiles.toml` for `file`: `active`, then one `[profiles.NAME]` table per
 * profile, in order. `parseProfilesFile(serializeProfilesFile(f))` gives `f` back.
 *
 * @example
 * ```ts
 * serializeProfilesFile(emptyProfilesFile()); // 'active = "default"\n\n[profiles.default]\n'
 * ```
 */
export function serializeProfilesFile(file: ProfilesFile): string {
  const parts = [stringify({ active: file.active })];
  for (const [name, values] of file.profiles) parts.push(stringify({ profiles: { [name]: values } }));
  return parts.join("\n");
}
