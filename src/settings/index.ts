/**
 * Settings: every knob Ordo reads, validated, with defaults and sources.
 * Precedence: environment variables > (profiles, in a later version) > defaults.
 *
 * @module
 */
export { defineSetting, type SettingDefinition, type SettingValue } from "./setting-definition.js";
export { SETTING_DEFINITIONS, type SettingName } from "./setting-definitions.js";
export type { Settings, SettingSource, ResolvedSetting } from "./settings.js";
export { envLayer, type SettingsLayer } from "./settings-layer.js";
export { resolveSettings, type ResolvedSettings } from "./resolve-settings.js";
export { loadSettings, loadResolvedSettings } from "./load-settings.js";
export { dbPath, storagePath } from "./paths.js";
