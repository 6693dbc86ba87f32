import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedClient } from "../../../src/client/embedded-client.js";
import { MIGRATIONS } from "../../../src/store/index.js";
import { runStoreSuite } from "./store-suite.js";

const root = mkdtempSync(join(tmpdir(), "ordo-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const dbPath = (key: string) => join(root, key, "ordo.db");

// The suite's clients write every task-run state as an event (the default: failures only).
runStoreSuite("sqlite", (key) => EmbeddedClient.open({ path: dbPath(key), taskRunEvents: "all" }));
// Recorder batches normally go through the writer thread; the same suite covers the
// main-thread path.
runStoreSuite("sqlite, batches on the main thread", (key) =>
  EmbeddedClient.open({ path: dbPath(`main-${key}`), writerThread: false, taskRunEvents: "all" }),
);

describe("the SQLite file", () => {
  it("is created with its folder, in WAL mode, with every migration recorded once", async () => {
    const path = dbPath("file-check");
    await (await EmbeddedClient.open({ path })).close();
    await (await EmbeddedClient.open({ path })).close();
    const db = new BetterSqlite3(path, { readonly: true });
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      const rows = db.prepare("SELECT version, name FROM ordo_migrations ORDER BY version").all();
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    } finally {
      db.close();
    }
  });
});
