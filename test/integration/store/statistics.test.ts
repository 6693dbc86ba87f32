/**
 * Query-planner statistics: SQLite's are brought up to date when the database is opened
 * and by the server's statistics service, in full (not sampled), only where a table has
 * none or changed size about tenfold; PostgreSQL leaves them to autovacuum.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { startServices } from "../../../src/server/services/start-services.js";
import { openSqliteStore, type SqliteStore } from "../../../src/store/index.js";
import { storeBackends, withStore } from "../../helpers/store-backends.js";

const root = mkdtempSync(join(tmpdir(), "ordo-statistics-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let files = 0;
const freshPath = () => join(root, `s-${files++}.db`);

const STATES = ["COMPLETED", "FAILED", "RUNNING"];

/** Adds `perState` runs in each of three states (names `run-<n>`) to the database at `path`. */
function addRuns(path: string, perState: number): void {
  const db = new BetterSqlite3(path);
  try {
    db.prepare("INSERT OR IGNORE INTO flows (id, name, tags, created_at) VALUES ('f', 'etl', '[]', 0)").run();
    const first = (db.prepare("SELECT count(*) AS n FROM flow_runs").get() as { n: number }).n;
    const insert = db.prepare(
      `INSERT INTO flow_runs (id, flow_id, name, state_type, state_name, state_timestamp, created_at, updated_at)
       VALUES (?, 'f', ?, ?, ?, ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let i = first; i < first + perState * STATES.length; i++) {
        const type = STATES[i % STATES.length]!;
        const id = String(i).padStart(12, "0");
        insert.run(id, `run-${i}`, type, type, i, i, i);
      }
    })();
  } finally {
    db.close();
  }
}

/** The `sqlite_stat1` line of an index: rows, then rows per value of each leading column. */
function stat(path: string, index: string): string | undefined {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const analyzed = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get();
    if (analyzed === undefined) return undefined;
    const row = db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = ?").get(index) as
      { stat: string } | undefined;
    return row?.stat;
  } finally {
    db.close();
  }
}

async function withSqlite(path: string, body: (store: SqliteStore) => Promise<void>): Promise<void> {
  const store = await openSqliteStore({ path, writerThread: false });
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

describe("SQLite statistics", () => {
  it("are gathered when a database with runs but no statistics is opened, counting every row", async () => {
    const path = freshPath();
    await withSqlite(path, async () => {});
    addRuns(path, 3_000);
    expect(stat(path, "flow_runs_state_type_created_at_idx")).toBeUndefined();

    await withSqlite(path, async () => {});

    // 3,000 runs per state type: a sampled ANALYZE would have stopped counting at 2,000.
    expect(stat(path, "flow_runs_state_type_created_at_idx")).toBe("9000 3000 1");
    expect(stat(path, "flow_runs_name_idx")).toBe("9000 1");
  });

  it("are left alone while current, and refreshed once the table grew tenfold", async () => {
    const path = freshPath();
    await withSqlite(path, async () => {});
    addRuns(path, 100);
    await withSqlite(path, async (store) => {
      expect(await store.refreshStatistics()).toEqual([]);
      addRuns(path, 1_000);
      const analyzed = await store.refreshStatistics();
      expect(analyzed).toContain("flow_runs.flow_runs_state_type_created_at_idx");
      expect(analyzed).toContain("flow_runs.flow_runs_name_idx");
    });
    expect(stat(path, "flow_runs_state_type_created_at_idx")).toBe("3300 1100 1");
  });

  it("let a name-prefix count within a state read the name index, not every run of the state", async () => {
    const path = freshPath();
    await withSqlite(path, async () => {});
    addRuns(path, 3_000);
    await withSqlite(path, async () => {});
    const db = new BetterSqlite3(path, { readonly: true });
    try {
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT 1 FROM flow_runs
           WHERE state_type = ? AND name >= ? AND name < ? LIMIT 10001`,
        )
        .all("COMPLETED", "run-12", "run-12\u{10ffff}") as { detail: string }[];
      expect(plan.map((row) => row.detail).join("\n")).toContain("USING INDEX flow_runs_name_idx");
    } finally {
      db.close();
    }
  });

  it("are refreshed by the server's statistics service at its interval", async () => {
    const path = freshPath();
    await withSqlite(path, async (store) => {
      const services = startServices(store, {
        crashDetectionIntervalMs: 0,
        schedulerIntervalMs: 0,
        lateRunsIntervalMs: 0,
        pauseTimeoutIntervalMs: 0,
        retentionIntervalMs: 0,
        leaseReclaimIntervalMs: 0,
        statisticsIntervalMs: 50,
      });
      try {
        addRuns(path, 100);
        await expect.poll(() => stat(path, "flow_runs_name_idx"), { timeout: 5_000 }).toBe("300 1");
      } finally {
        await services.stop();
      }
    });
  });
});

describe.each(storeBackends("statistics"))("statistics on %s", (name, open) => {
  it("have nothing to refresh in a new database", async () => {
    await withStore(open, async (store) => {
      expect(await store.refreshStatistics()).toEqual([]);
    });
  });

  it.runIf(name === "postgres")("are left to autovacuum on PostgreSQL", async () => {
    await withStore(open, async (store) => {
      await store.createFlowRun({
        flowName: "etl",
        name: "r",
        state: { type: "COMPLETED", name: "Completed", timestamp: 0 },
        parameters: {},
        tags: [],
        retries: 0,
        runCount: 1,
        createdAt: 0,
      });
      expect(await store.refreshStatistics()).toEqual([]);
    });
  });
});
