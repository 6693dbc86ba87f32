import { readFlowRuns } from "../../../src/api/index.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { isOrdoError } from "../../../src/errors/index.js";
import { openSqliteStore, type SqliteStore } from "../../../src/store/index.js";

const root = mkdtempSync(join(tmpdir(), "ordo-lock-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const newRun = (name: string) => ({
  flowName: "etl",
  name,
  state: { type: "PENDING", name: "Pending", timestamp: Date.now() } as const,
  parameters: {},
  tags: [],
  retries: 0,
  runCount: 0,
  createdAt: Date.now(),
});

describe("a write while another connection holds the write lock", () => {
  let store: SqliteStore | undefined;
  let other: BetterSqlite3.Database | undefined;
  afterEach(async () => {
    if (other?.inTransaction) other.exec("ROLLBACK");
    other?.close();
    await store?.close();
  });

  it("waits without blocking the event loop, then succeeds", async () => {
    const path = join(root, "wait.db");
    store = await openSqliteStore({ path });
    other = new BetterSqlite3(path);
    other.exec("BEGIN IMMEDIATE");
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other!.exec("COMMIT");
        resolve();
      }, 200),
    );
    const started = Date.now();
    const { run } = await store.createFlowRun(newRun("waited"));
    clearInterval(ticker);
    await released;
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(ticks).toBeGreaterThan(5);
    expect((await store.readFlowRun(run.id))?.name).toBe("waited");
  });

  it("gives up with ORDO_DATABASE_BUSY after the lock timeout", async () => {
    const path = join(root, "timeout.db");
    store = await openSqliteStore({ path, lockTimeoutMs: 100 });
    other = new BetterSqlite3(path);
    other.exec("BEGIN IMMEDIATE");
    const error: unknown = await store.createFlowRun(newRun("never")).catch((e: unknown) => e);
    expect(isOrdoError(error, "ORDO_DATABASE_BUSY")).toBe(true);
    other.exec("ROLLBACK");
    expect(await readFlowRuns(store)).toEqual([]);
  });

  it("lets readers read while a writer holds the lock (WAL)", async () => {
    const path = join(root, "read.db");
    store = await openSqliteStore({ path });
    const { run } = await store.createFlowRun(newRun("readable"));
    other = new BetterSqlite3(path);
    other.exec("BEGIN IMMEDIATE");
    expect((await store.readFlowRun(run.id))?.name).toBe("readable");
  });
});
