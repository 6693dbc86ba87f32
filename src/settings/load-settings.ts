/**
 * `loadSettings()`: the effective settings of this process.
 *
 * @module
 */
import { activeProfile } from "./active-profile.js";
import { loadProfiles } from "./profiles-store.js";
import { resolveSettings, type ResolvedSettings } from "./resolve-settings.js";
import { envLayer, profileLayer, type SettingsLayer } from "./settings-layer.js";
import type { Settings } from "./settings.js";

/**
 * The layers in precedence order: the environment, then the active profile of
 * `ORDO_HOME/profiles.toml` (one small file read; a missing file is an empty profile).
 */
function layersFor(env: Readonly<Record<string, string | undefined>>): SettingsLayer[] {
  const { file } = loadProfiles(env);
  const profile = activeProfile(file, env);
  return [envLayer(env), profileLayer(profile.name, profile.values)];
}

/**
 * The effective settings: environment variables, then the active profile (`ORDO_PROFILE`
 * or the `active` of `ORDO_HOME/profiles.toml`), then defaults. Throws
 * `ORDO_INVALID_SETTING` naming the variable, its bad value and its source;
 * `ORDO_INVALID_PROFILES_FILE` for a broken profiles file; `ORDO_PROFILE_NOT_FOUND` for an
 * unknown active profile.
 *
 * @example
 * ```ts
 * const settings = loadSettings();            // from process.env
 * const test = loadSettings({ ORDO_HOME: "/tmp/ordo-test" });
 * ```
 */
export function loadSettings(env: Readonly<Record<string, string | undefined>> = process.env): Settings {
  return resolveSettings(layersFor(env)).settings;
}

/**
 * The effective settings with the source of each value, for `ordo config view`.
 *
 * @example
 * ```ts
 * for (const e of loadResolvedSettings().entries) console.log(`${e.name} (${e.source})`);
 * ```
 */
export function loadResolvedSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ResolvedSettings {
  return resolveSettings(layersFor(env));
}
