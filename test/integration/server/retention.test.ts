/**
 * The retention service deletes finished runs (with their task runs and logs) and events
 * older than the configured age, in batches, on SQLite and PostgreSQL.
 */
import { readFlowRuns } from "../../../src/api/index.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { retentionRound } from "../../../src/server/services/retention.js";
import type { StateData } from "../../../src/states/index.js";
import { openStore, type Store } from "../../../src/store/index.js";
import { postgresServer, useFreshDatabases } from "../../helpers/postgres.js";

const DAY = 24 * 3600 * 1000;
const dir = mkdtempSync(join(tmpdir(), "ordo-retention-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const freshDatabase = useFreshDatabases();

function runAt(store: Store, name: string, createdAt: number, state: StateData) {
  return store.createFlowRun({
    flowName: "old",
    name,
    state,
    parameters: {},
    tags: [],
    retries: 0,
    runCount: 1,
    createdAt,
  });
}

const backends: [string, () => Promise<Store>][] = [
  ["sqlite", () => openStore({ sqlitePath: join(dir, `r-${Math.random()}.db`) })],
];
if (postgresServer() !== undefined) {
  backends.push([
    "postgres",
    async () => openStore({ databaseUrl: await freshDatabase("retention"), sqlitePath: "" }),
  ]);
}

describe.each(backends)("retention on %s", (_name, open) => {
  it("deletes old finished runs with their task runs and logs, and old events, in batches", async () => {
    const store = await open();
    try {
      const now = Date.now();
      const old = now - 40 * DAY;
      const done = (t: number): StateData => ({ type: "COMPLETED", name: "Completed", timestamp: t });
      const oldRuns = await Promise.all(
        Array.from({ length: 5 }, (_, i) => runAt(store, `old-${i}`, old, done(old))),
      );
      const stillRunning = await runAt(store, "old-running", old, {
        type: "RUNNING",
        name: "Running",
        timestamp: old,
      });
      const recent = await runAt(store, "recent", now, done(now));
      const victim = oldRuns[0]!.run;
      await store.recordTaskRunBatch({
        taskRuns: [
          {
            id: "t-old",
            flowRunId: victim.id,
            taskKey: "k",
            dynamicKey: "0",
            name: "t",
            tags: [],
            state: done(old),
            stateHistory: [],
            runCount: 1,
            inputs: {},
            waitFor: [],
            createdAt: old,
            updatedAt: old,
          },
        ],
        taskRunStates: [],
        logs: [{ flowRunId: victim.id, level: 20, name: "x", message: "old line", timestamp: old }],
      });
      await store.records.events.append([
        {
          occurred: old,
          event: "e.old",
          resource: { "ordo.resource.id": "r" },
          related: [],
          payload: {},
          received: old,
        },
        {
          occurred: now,
          event: "e.new",
          resource: { "ordo.resource.id": "r" },
          related: [],
          payload: {},
          received: now,
        },
      ]);

      const report = await retentionRound(store, 30 * DAY, now, 2);
      expect(report.flowRuns).toBe(5);
      expect(await store.readFlowRun(victim.id)).toBeUndefined();
      expect(await store.readTaskRun("t-old")).toBeUndefined();
      expect(await store.readLogs({ flowRunId: victim.id, limit: 10 })).toEqual([]);
      expect(await store.readFlowRun(stillRunning.run.id)).toBeDefined();
      expect(await store.readFlowRun(recent.run.id)).toBeDefined();
      const events = (await store.records.events.list({ limit: 100 })).map((e) => e.event);
      expect(events).toContain("e.new");
      expect(events).not.toContain("e.old");
    } finally {
      await store.close();
    }
  });

  it("keeps everything but old batch ids when no age is set", async () => {
    const store = await open();
    try {
      const old = Date.now() - 400 * DAY;
      await runAt(store, "ancient", old, { type: "COMPLETED", name: "Completed", timestamp: old });
      expect(await retentionRound(store, undefined, Date.now())).toEqual({
        flowRuns: 0,
        events: 0,
        recordedBatches: 0,
      });
      expect(await readFlowRuns(store)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
