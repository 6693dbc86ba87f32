/**
 * `ordo server database upgrade|reset`: the server's database (SQLite under ORDO_HOME, or
 * PostgreSQL at ORDO_DATABASE_URL).
 *
 * @module
 */
import { mkdir } from "node:fs/promises";
import type { Command } from "commander";
import { OrdoError } from "../errors/index.js";
import { loadSettings } from "../settings/load-settings.js";
import { dbPath } from "../settings/paths.js";
import type { Store } from "../store/store.js";
import type { CliContext } from "./cli-context.js";

async function openConfiguredStore(): Promise<Store> {
  const settings = loadSettings();
  await mkdir(settings.ORDO_HOME, { recursive: true });
  const { openStore } = await import("../store/open-store.js");
  return openStore({
    databaseUrl: settings.ORDO_DATABASE_URL,
    sqlitePath: dbPath(settings),
    writerThread: false,
  });
}

/** Registers `ordo server database …` under `server`. */
export function registerDatabaseCommands(server: Command, ctx: CliContext): void {
  const group = server.command("database").description("manage the server's database");

  group
    .command("upgrade")
    .description("apply pending migrations (servers and clients also do this when they open the database)")
    .action(async () => {
      const store = await openConfiguredStore();
      await store.close();
      const { MIGRATIONS } = await import("../store/migrations/index.js");
      ctx.io.out(`database (${store.dialect}) is at migration ${MIGRATIONS.length}\n`);
    });

  group
    .command("reset")
    .description("delete every flow, run, log, variable, artifact and event, and recreate the tables")
    .option("--yes", "confirm: without it nothing is deleted")
    .action(async (options: { yes?: boolean }) => {
      if (options.yes !== true) {
        throw new OrdoError(
          "ORDO_INVALID_INPUT",
          "reset deletes all data: run it again with --yes to confirm",
          {
            option: "yes",
          },
        );
      }
      const { dropOrdoTables } = await import("../store/reset-database.js");
      const store = await openConfiguredStore();
      try {
        await dropOrdoTables(store.executor);
      } finally {
        await store.close();
      }
      await (await openConfiguredStore()).close(); // recreates the tables
      const { MIGRATIONS } = await import("../store/migrations/index.js");
      ctx.io.out(
        `database (${store.dialect}) reset: all tables recreated at migration ${MIGRATIONS.length}\n`,
      );
    });
}
