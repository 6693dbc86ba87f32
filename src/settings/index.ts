/**
 * Settings: every knob Ordo reads, validated, with defaults and sources.
 * Precedence: environment variables > the active profile (`ORDO_HOME/profiles.toml`) >
 * defaults.
 *
 * @module
 */
export { defineSetting, type SettingDefinition, type SettingValue } from "./setting-definition.js";
export { SETTING_DEFINITIONS, type SettingName } from "./setting-definitions.js";
export type { Settings, SettingSource, ResolvedSetting } from "./settings.js";
export { envLayer, profileLayer, type SettingsLayer } from "./settings-layer.js";
export { resolveSettings, type ResolvedSettings } from "./resolve-settings.js";
export { loadSettings, loadResolvedSettings } from "./load-settings.js";
export {
  bundleCachePath,
  compiledFlowsPath,
  bundleStoragePath,
  dbPath,
  gitCachePath,
  storagePath,
  homeFromEnv,
  profilesPath,
} from "./paths.js";
export { displayValue, maskSecret, redactUrlPassword } from "./mask-secret.js";
export { isSettingName, parseSettingValue, toSettingName } from "./setting-value.js";
export { parseSettingAssignment, toProfileSettingName } from "./setting-assignment.js";
export { DEFAULT_PROFILE, PROFILE_NAME_PATTERN, assertProfileName, isProfileName } from "./profile-name.js";
export {
  emptyProfilesFile,
  parseProfilesFile,
  serializeProfilesFile,
  type ProfileSettingName,
  type ProfileValues,
  type ProfilesFile,
} from "./profiles-file.js";
export { activeProfile, activeProfileName, profileValues, type ActiveProfile } from "./active-profile.js";
export {
  createProfile,
  deleteProfile,
  setProfileValues,
  unsetProfileValues,
  useProfile,
} from "./profile-edits.js";
export { loadProfiles, readProfilesFile, writeProfilesFile, type LoadedProfiles } from "./profiles-store.js";
