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
import { loadResolvedSettings } from "../settings/load-settings.js";
import { dbPath } from "../settings/paths.js";
import type { Settings } from "../settings/settings.js";
import type { OrdoClient } from "./ordo-client.js";

const CLIENT_KEY = Symbol.for("ordo.client");

/**
 * Defaults of the process-wide client that apply where no environment variable or
 * profile sets the setting (the CLI's one-shot commands use a short outage window).
 */
export interface ClientDefaults {
  /** In place of `ORDO_CLIENT_OUTAGE_SECONDS`'s default (300). */
  readonly outageSeconds?: number | undefined;
}

/** What lives on `globalThis[Symbol.for("ordo.client")]`. */
interface ClientSlot {
  client: Promise<OrdoClient> | undefined;
  defaults?: ClientDefaults | undefined;
}

function clientSlot(): ClientSlot {
  const holder = globalThis as unknown as Record<symbol, ClientSlot | undefined>;
  return (holder[CLIENT_KEY] ??= { client: undefined });
}

/**
 * Sets defaults for the process-wide client opened next (an open one keeps its own).
 * An environment variable or profile setting still wins over them.
 *
 * @example
 * ```ts
 * setClientDefaults({ outageSeconds: 0 }); // fail within the request retries, not 300 s later
 * ```
 */
export function setClientDefaults(defaults: ClientDefaults): void {
  clientSlot().defaults = defaults;
}

/** The outage window in seconds: the setting, or the process's default where the setting is not set. */
function outageSeconds(settings: Settings, outageIsDefault: boolean): number {
  const preferred = clientSlot().defaults?.outageSeconds;
  return outageIsDefault && preferred !== undefined ? preferred : settings.ORDO_CLIENT_OUTAGE_SECONDS;
}

async function openHttpClient(
  settings: Settings,
  apiUrl: string,
  outageIsDefault: boolean,
): Promise<OrdoClient> {
  // Loaded on demand, like the EmbeddedClient.
  const { HttpClient } = await import("./http-client.js");
  // ORDO_API_KEY is read from the environment until it has its own setting.
  const apiKey =
    (settings as Partial<Record<"ORDO_API_KEY", string>>).ORDO_API_KEY ?? process.env.ORDO_API_KEY;
  return HttpClient.open({
    apiUrl,
    apiKey: apiKey === "" ? undefined : apiKey,
    timeoutMs: settings.ORDO_API_TIMEOUT_SECONDS * 1000,
    maxRetries: settings.ORDO_API_MAX_RETRIES,
    outageMs: outageSeconds(settings, outageIsDefault) * 1000,
    outboxMaxItems: settings.ORDO_CLIENT_OUTBOX_MAX_ITEMS,
    drainTimeoutMs: settings.ORDO_CLIENT_DRAIN_TIMEOUT_SECONDS * 1000,
    home: settings.ORDO_HOME,
  });
}

async function openClient(): Promise<OrdoClient> {
  const resolved = loadResolvedSettings();
  const settings = resolved.settings;
  await mkdir(settings.ORDO_HOME, { recursive: true });
  if (settings.ORDO_API_URL !== undefined) {
    const outage = resolved.entries.find((entry) => entry.name === "ORDO_CLIENT_OUTAGE_SECONDS");
    return openHttpClient(settings, settings.ORDO_API_URL, outage?.source === "default");
  }
  // Loaded on demand: commands that need no database never load SQLite.
  const { EmbeddedClient } = await import("./embedded-client.js");
  return EmbeddedClient.open({
    path: dbPath(settings),
    databaseUrl: settings.ORDO_DATABASE_URL,
    taskRunEvents: settings.ORDO_TASK_RUN_EVENTS,
  });
}

/**
 * The process-wide client for the current settings: an `HttpClient` of the server at
 * `ORDO_API_URL` when it is set, else an `EmbeddedClient` on `ORDO_HOME/ordo.db` (or on
 * the PostgreSQL database of `ORDO_DATABASE_URL`); opened on first use and shared
 * afterwards. Throws `ORDO_INVALID_SETTING` for invalid settings.
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
