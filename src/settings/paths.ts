/**
 * Paths derived from the settings.
 *
 * @module
 */
import { join } from "node:path";
import { SETTING_DEFINITIONS } from "./setting-definitions.js";
import { parseSettingValue } from "./setting-value.js";
import type { Settings } from "./settings.js";

/**
 * The SQLite database of the embedded client: `ORDO_HOME/ordo.db`.
 *
 * @example
 * ```ts
 * const path = dbPath(loadSettings()); // ~/.ordo/ordo.db
 * ```
 */
export function dbPath(settings: Pick<Settings, "ORDO_HOME">): string {
  return join(settings.ORDO_HOME, "ordo.db");
}

/**
 * The folder of persisted results: `ORDO_HOME/storage`.
 *
 * @example
 * ```ts
 * const folder = storagePath(loadSettings()); // ~/.ordo/storage
 * ```
 */
export function storagePath(settings: Pick<Settings, "ORDO_HOME">): string {
  return join(settings.ORDO_HOME, "storage");
}

/**
 * The folder of the project bundles a server keeps: `ORDO_HOME/storage/bundles`.
 *
 * @example
 * ```ts
 * const folder = bundleStoragePath(loadSettings()); // ~/.ordo/storage/bundles
 * ```
 */
export function bundleStoragePath(settings: Pick<Settings, "ORDO_HOME">): string {
  return join(settings.ORDO_HOME, "storage", "bundles");
}

/**
 * The folder of the bundles a worker downloaded and unpacked: `ORDO_HOME/bundles`.
 *
 * @example
 * ```ts
 * const folder = bundleCachePath(loadSettings()); // ~/.ordo/bundles
 * ```
 */
export function bundleCachePath(settings: Pick<Settings, "ORDO_HOME">): string {
  return join(settings.ORDO_HOME, "bundles");
}

/**
 * The folder of the git checkouts of a worker: `ORDO_HOME/git`.
 *
 * @example
 * ```ts
 * const folder = gitCachePath(loadSettings()); // ~/.ordo/git
 * ```
 */
export function gitCachePath(settings: Pick<Settings, "ORDO_HOME">): string {
  return join(settings.ORDO_HOME, "git");
}

/**
 * `ORDO_HOME` from the environment or its default, and from nothing else: it locates the
 * profiles file, so no profile can set it. Throws `ORDO_INVALID_SETTING` for an invalid
 * value. Other settings are not read, so a bad one does not stop profile commands.
 *
 * @example
 * ```ts
 * homeFromEnv({ ORDO_HOME: "/srv/ordo" }); // "/srv/ordo"
 * homeFromEnv({});                         // ~/.ordo
 * ```
 */
export function homeFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  const raw = env.ORDO_HOME;
  if (raw === undefined || raw === "") return SETTING_DEFINITIONS.ORDO_HOME.default();
  return parseSettingValue("ORDO_HOME", raw, "env");
}

/**
 * The profiles file: `ORDO_HOME/profiles.toml`.
 *
 * @example
 * ```ts
 * const path = profilesPath(homeFromEnv(process.env)); // ~/.ordo/profiles.toml
 * ```
 */
export function profilesPath(home: string): string {
  return join(home, "profiles.toml");
}

/**
 * The folder of flow files compiled for runs' processes: `ORDO_HOME/cache/flows`.
 *
 * @example
 * ```ts
 * const folder = compiledFlowsPath(loadSettings()); // ~/.ordo/cache/flows
 * ```
 */
export function compiledFlowsPath(settings: Pick<Settings, "ORDO_HOME">): string {
  return join(settings.ORDO_HOME, "cache", "flows");
}
