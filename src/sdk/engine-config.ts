/**
 * The engine's configuration for this process, built once from Ordo's settings.
 *
 * @module
 */
import { getClient } from "../client/get-client.js";
import type { HttpClient } from "../client/http-client.js";
import type { OrdoClient } from "../client/ordo-client.js";
import type { EngineConfig } from "../engine/context.js";
import { LocalFileStorage, type ResultStorage } from "../results/index.js";
import { LogLevel } from "../schemas/log.js";
import { loadSettings, storagePath, type Settings } from "../settings/index.js";

const KEY = Symbol.for("ordo.engine-config");
const g = globalThis as typeof globalThis & { [KEY]?: Promise<EngineConfig> };

function colorsWanted(setting: string): boolean {
  if (setting === "true") return true;
  if (setting === "false") return false;
  return Boolean(process.stderr.isTTY) && process.env.NO_COLOR === undefined;
}

/**
 * The default result storage: the server's when the client is an HTTP client (large
 * results are uploaded, so the UI and a resume on another machine can read them), else
 * files under `ORDO_HOME/storage`.
 */
function defaultStorage(client: OrdoClient, settings: Settings): ResultStorage {
  const choice = settings.ORDO_RESULTS_STORAGE;
  if (choice === "auto" && client.kind === "http") return (client as HttpClient).resultStorage;
  if (choice === "auto" || choice === "local") return new LocalFileStorage(storagePath(settings));
  // A folder of its own (a shared mount): its own name in result references.
  return new LocalFileStorage(choice, { name: `files:${choice}` });
}

async function build(): Promise<EngineConfig> {
  const settings = loadSettings();
  const client = await getClient();
  return {
    client,
    storage: defaultStorage(client, settings),
    logLevel: LogLevel[settings.ORDO_LOGGING_LEVEL],
    colors: colorsWanted(settings.ORDO_LOGGING_COLORS),
    heartbeatMs: settings.ORDO_HEARTBEAT_SECONDS * 1000,
    flushIntervalMs: settings.ORDO_RECORDER_FLUSH_INTERVAL_MS,
    flushMaxItems: settings.ORDO_RECORDER_FLUSH_MAX_ITEMS,
    inlineLimitBytes: settings.ORDO_RESULTS_INLINE_LIMIT_BYTES,
    maxConcurrency: settings.ORDO_TASK_RUNNER_MAX_CONCURRENCY,
  };
}

/** The engine configuration of this process (built on first use). */
export function engineConfig(): Promise<EngineConfig> {
  const existing = g[KEY];
  if (existing !== undefined) return existing;
  const created = build();
  g[KEY] = created;
  created.catch(() => {
    if (g[KEY] === created) delete g[KEY];
  });
  return created;
}

/** Forgets the configuration, so the next run reads the settings again (tests, `ordo` commands). */
export function resetEngineConfig(): void {
  delete g[KEY];
}
