/**
 * `loadSettings()`: the effective settings of this process.
 *
 * @module
 */
import { resolveSettings, type ResolvedSettings } from "./resolve-settings.js";
import { envLayer, type SettingsLayer } from "./settings-layer.js";
import type { Settings } from "./settings.js";

/**
 * The layers in precedence order. The profile layer will be inserted after the
 * environment here, and nowhere else.
 */
function layersFor(env: Readonly<Record<string, string | undefined>>): SettingsLayer[] {
  return [envLayer(env)];
}

/**
 * The effective settings: environment variables, then defaults. Throws `ORDO_INVALID_SETTING`
 * naming the variable and its bad value.
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
