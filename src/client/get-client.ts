/**
 * `getClient()`: the process-wide {@link OrdoClient} for the current settings.
 *
 * The client is cached on `globalThis` under `Symbol.for("ordo.client")`, so two copies of
 * this module in one process (a bundled Ordo and an installed one, or the CLI and the
 * user's flow file) share one client and one database connection.
 *
 * @module
 */
import { mkdir } from "node:fs/promises";
import { OrdoError } from "../errors/ordo-error.js";
import { loadSettings } from "../settings/load-settings.js";
import { dbPath } from "../settings/paths.js";
import type { Settings } from "../settings/settings.js";
import type { OrdoClient } from "./ordo-client.js";

const CLIENT_KEY = Symbol.for("ordo.client");

/** What lives on `globalThis[Symbol.for("ordo.client")]`. */
interface ClientSlot {
  client: Promise<OrdoClient> | undefined;
}

function clientSlot(): ClientSlot {
  const holder = globalThis as unknown as Record<symbol, ClientSlot | undefined>;
  return (holder[CLIENT_KEY] ??= { client: undefined });
}

/**
 * Refuses settings this version cannot serve. The one place that knows HTTP mode is not
 * available yet: when the HttpClient lands, it is chosen here instead.
 */
function assertEmbeddedMode(settings: Settings): void {
  if (settings.ORDO_API_URL !== undefined) {
    throw new OrdoError(
      "ORDO_INVALID_SETTING",
      "ORDO_API_URL is set but this version has no HTTP client yet",
      {
        setting: "ORDO_API_URL",
        value: settings.ORDO_API_URL,
      },
    );
  }
}

async function openClient(): Promise<OrdoClient> {
  const settings = loadSettings();
  assertEmbeddedMode(settings);
  await mkdir(settings.ORDO_HOME, { recursive: true });
  // Loaded on demand: commands that need no database never load SQLite.
  const { EmbeddedClient } = await import("./embedded-client.js");
  return EmbeddedClient.open({ path: dbPath(settings), databaseUrl: settings.ORDO_DATABASE_URL });
}

/**
 * The process-wide client for the current settings: an `EmbeddedClient` on
 * `ORDO_HOME/ordo.db` (or on the PostgreSQL database of `ORDO_DATABASE_URL` when set),
 * opened on first use and shared afterwards. Throws
 * `ORDO_INVALID_SETTING` for invalid settings, or when `ORDO_API_URL` is set (this version
 * has no HTTP client yet).
 *
 * @example
 * ```ts
 * const client = await getClient();
 * const runs = await client.readFlowRuns({ limit: 10 });
 * ```
 */
export function getClient(): Promise<OrdoClient> {
  const slot = clientSlot();
  if (slot.client === undefined) {
    const opening = openClient();
    slot.client = opening;
    // A failed open is not cached: the next call tries again.
    opening.catch(() => {
      if (slot.client === opening) slot.client = undefined;
    });
  }
  return slot.client;
}

/**
 * Closes the process-wide client, if one was opened, and forgets it; the next
 * `getClient()` opens a new one. Safe to call when no client is open.
 *
 * @example
 * ```ts
 * try { await runCommand(); } finally { await closeClient(); }
 * ```
 */
export async function closeClient(): Promise<void> {
  const slot = clientSlot();
  const opening = slot.client;
  slot.client = undefined;
  if (opening === undefined) return;
  let client: OrdoClient;
  try {
    client = await opening;
  } catch {
    return; // it never opened: nothing to close
  }
  await client.close();
}
