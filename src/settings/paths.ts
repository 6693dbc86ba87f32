/**
 * Paths derived from the settings.
 *
 * @module
 */
import { join } from "node:path";
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
