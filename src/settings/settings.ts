/**
 * The typed settings object and where each value came from.
 *
 * @module
 */
import type { SettingValue } from "./setting-definition.js";
import type { SETTING_DEFINITIONS, SettingName } from "./setting-definitions.js";

/**
 * Ordo's effective settings: one typed field per entry of `SETTING_DEFINITIONS`, named
 * like its environment variable.
 *
 * @example
 * ```ts
 * const settings = loadSettings();
 * console.log(settings.ORDO_HOME, settings.ORDO_HEARTBEAT_SECONDS);
 * ```
 */
export type Settings = {
  readonly [K in SettingName]: SettingValue<(typeof SETTING_DEFINITIONS)[K]>;
};

/**
 * Where a setting's value came from: an environment variable, a profile of
 * `profiles.toml` (`profile server`), or the built-in default.
 */
export type SettingSource = "env" | `profile ${string}` | "default";

/** One resolved setting, as `ordo config view` shows it. */
export interface ResolvedSetting {
  /** The setting's name (its environment variable), e.g. `ORDO_HOME`. */
  readonly name: SettingName;
  /** The parsed value; `undefined` for an unset setting without default. */
  readonly value: unknown;
  /** Where the value came from. */
  readonly source: SettingSource;
}
