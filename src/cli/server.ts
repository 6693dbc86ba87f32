/**
 * `ordo server start`: the API, the docs and the UI on one port, with the background
 * services, until SIGINT or SIGTERM.
 *
 * @module
 */
import { once } from "node:events";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { OrdoError } from "../errors/index.js";
import { loadSettings } from "../settings/load-settings.js";
import { bundleStoragePath, dbPath, storagePath } from "../settings/paths.js";
import type { CliContext } from "./cli-context.js";
import { registerDatabaseCommands } from "./server-database.js";

/** Options of `ordo server start`. */
interface StartOptions {
  readonly host?: string | undefined;
  readonly port?: string | undefined;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new OrdoError("ORDO_INVALID_INPUT", `invalid --port ${JSON.stringify(text)}: expected 0–65535`, {
      option: "port",
      value: text,
    });
  }
  return port;
}

/** The built UI shipped with the package: `<package>/ui/dist`. */
function uiPath(): string {
  return fileURLToPath(new URL("../../ui/dist", import.meta.url));
}

async function startCommand(ctx: CliContext, options: StartOptions): Promise<void> {
  const settings = loadSettings();
  const host = options.host ?? settings.ORDO_SERVER_HOST;
  const port = options.port === undefined ? settings.ORDO_SERVER_PORT : parsePort(options.port);
  const started = performance.now();
  await mkdir(settings.ORDO_HOME, { recursive: true });
  // Loaded on demand: other commands never load the server.
  const [{ startServer }, { openStore }, { LocalFileStorage }] = await Promise.all([
    import("../server/start-server.js"),
    import("../store/open-store.js"),
    import("../results/index.js"),
  ]);
  const store = await openStore({
    databaseUrl: settings.ORDO_DATABASE_URL,
    sqlitePath: dbPath(settings),
    groupCommit: true,
  });
  const server = await startServer({
    store,
    resultStorage: new LocalFileStorage(storagePath(settings)),
    bundleStorage: new LocalFileStorage(bundleStoragePath(settings)),
    host,
    port,
    uiPath: uiPath(),
    taskRunEvents: settings.ORDO_TASK_RUN_EVENTS,
    services: {
      crashDetectionIntervalMs: settings.ORDO_CRASH_DETECTION_INTERVAL_SECONDS * 1000,
      staleAfterMs: 3 * settings.ORDO_HEARTBEAT_SECONDS * 1000,
      schedulerIntervalMs: settings.ORDO_SCHEDULER_INTERVAL_SECONDS * 1000,
      lateRunsIntervalMs: settings.ORDO_LATE_RUNS_INTERVAL_SECONDS * 1000,
      lateAfterMs: settings.ORDO_LATE_RUNS_AFTER_SECONDS * 1000,
      retentionIntervalMs: settings.ORDO_RETENTION_INTERVAL_SECONDS * 1000,
      statisticsIntervalMs: settings.ORDO_DATABASE_STATISTICS_INTERVAL_SECONDS * 1000,
      retentionMaxAgeMs:
        settings.ORDO_RETENTION_DAYS === undefined
          ? undefined
          : settings.ORDO_RETENTION_DAYS * 24 * 3600 * 1000,
    },
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const readyMs = Math.round(performance.now() - started);
  ctx.io.out(
    [
      `Ordo server ready in ${readyMs} ms (database: ${store.dialect})`,
      `  UI:       ${server.url}/`,
      `  API docs: ${server.url}/docs`,
      "",
      "Point clients at it with:",
      `  ordo config set ORDO_API_URL=${server.apiUrl}`,
      "",
    ].join("\n"),
  );
  const signal = await Promise.race([once(process, "SIGINT"), once(process, "SIGTERM")]);
  ctx.io.err(`\nreceived ${String(signal[0] ?? "signal")}, stopping the server…\n`);
  await server.stop();
  ctx.io.err("server stopped\n");
}

/** Registers `ordo server …`. */
export function registerServerCommands(program: Command, ctx: CliContext): Command {
  const server = program.command("server").description("run and manage the Ordo server");
  server
    .command("start")
    .description("start the API, the interactive docs and the UI, with the background services")
    .option("--host <host>", "the address to listen on (default: ORDO_SERVER_HOST, 127.0.0.1)")
    .option("--port <port>", "the port to listen on, 0 picks a free one (default: ORDO_SERVER_PORT, 4200)")
    .action((options: StartOptions) => startCommand(ctx, options));
  registerDatabaseCommands(server, ctx);
  return server;
}
