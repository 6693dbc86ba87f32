/**
 * Flow-run pages, capped counts, history buckets and run graphs, on SQLite and
 * PostgreSQL, through the api functions the server's routes call.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as api from "../../../src/api/index.js";
import type { StateData } from "../../../src/states/index.js";
import { openStore, type Store } from "../../../src/store/index.js";
import { postgresServer, useFreshDatabases } from "../../helpers/postgres.js";

const HOUR = 3600 * 1000;
const dir = mkdtempSync(join(tmpdir(), "ordo-lists-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const freshDatabase = useFreshDatabases();

const backends: [string, () => Promise<Store>][] = [
  ["sqlite", () => openStore({ sqlitePath: join(dir, `l-${Math.random()}.db`) })],
];
if (postgresServer() !== undefined) {
  backends.push([
    "postgres",
    async () => openStore({ databaseUrl: await freshDatabase("lists"), sqlitePath: "" }),
  ]);
}

const at = (type: StateData["type"], name: StateData["name"], t: number): StateData => ({
  type,
  name,
  timestamp: t,
});

describe.each(backends)("flow-run lists on %s", (_name, open) => {
  it("pages with a cursor, filters, counts with a cap, and buckets history", async () => {
    const store = await open();
    try {
      const base = Date.UTC(2026, 0, 1);
      for (let i = 0; i < 12; i++) {
        const failed = i % 3 === 0;
        await store.createFlowRun({
          flowName: i % 2 === 0 ? "even" : "odd",
          name: `run-${String(i).padStart(2, "0")}`,
          state: failed
            ? at("FAILED", "Failed", base + i * HOUR)
            : at("COMPLETED", "Completed", base + i * HOUR),
          parameters: {},
          tags: i % 4 === 0 ? ["nightly", "big"] : ["nightly"],
          retries: 0,
          runCount: 1,
          expectedStartTime: base + i * HOUR,
          createdAt: base + i * HOUR,
        });
      }
      const first = await api.readFlowRunPage(store, { limit: 5 });
      expect(first.items.map((r) => r.name)).toEqual(["run-11", "run-10", "run-09", "run-08", "run-07"]);
      const second = await api.readFlowRunPage(store, { limit: 5, cursor: first.nextCursor });
      expect(second.items.map((r) => r.name)).toEqual(["run-06", "run-05", "run-04", "run-03", "run-02"]);
      const third = await api.readFlowRunPage(store, { limit: 5, cursor: second.nextCursor });
      expect(third.items.map((r) => r.name)).toEqual(["run-01", "run-00"]);
      expect(third.nextCursor).toBeUndefined();

      const byName = await api.readFlowRunPage(store, { sort: "NAME", namePrefix: "run-0", limit: 3 });
      expect(byName.items.map((r) => r.name)).toEqual(["run-00", "run-01", "run-02"]);
      expect(byName.items[0]?.flowName).toBe("even");

      const evenFailed = await api.readFlowRuns(store, {
        flowName: "even",
        stateTypes: ["FAILED"],
        expectedStartTime: { after: base, before: base + 7 * HOUR },
      });
      expect(evenFailed.map((r) => r.name)).toEqual(["run-06", "run-00"]);
      expect((await api.readFlowRuns(store, { tags: ["nightly", "big"] })).map((r) => r.name)).toEqual([
        "run-08",
        "run-04",
        "run-00",
      ]);
      expect(await api.readFlowRuns(store, { tagsAny: ["big", "none"], flowNames: ["odd"] })).toEqual([]);

      expect(await api.countFlowRuns(store, { filter: { flowName: "odd" } })).toEqual({
        count: 6,
        capped: false,
      });
      expect(await api.countFlowRuns(store, { cap: 10 })).toEqual({ count: 10, capped: true });

      const history = await api.flowRunHistory(store, {
        from: base,
        to: base + 4 * HOUR,
        intervalSeconds: 7200,
      });
      expect(history).toEqual([
        { start: base, end: base + 2 * HOUR, counts: { FAILED: 1, COMPLETED: 1 } },
        { start: base + 2 * HOUR, end: base + 4 * HOUR, counts: { FAILED: 1, COMPLETED: 1 } },
      ]);
      const oddHistory = await api.flowRunHistory(store, {
        from: base,
        to: base + 4 * HOUR,
        intervalSeconds: 7200,
        filter: { flowName: "odd" },
      });
      expect(oddHistory.map((b) => b.counts)).toEqual([{ COMPLETED: 1 }, { FAILED: 1 }]);
    } finally {
      await store.close();
    }
  });

  it("answers a run graph in pages, with data, wait and parent edges and subflows", async () => {
    const store = await open();
    try {
      const { run } = await store.createFlowRun({
        flowName: "graph",
        name: "g",
        state: at("RUNNING", "Running", 1),
        parameters: {},
        tags: [],
        retries: 0,
        runCount: 1,
        createdAt: 1,
      });
      const task = (id: string, extra: Record<string, unknown> = {}) => ({
        id,
        flowRunId: run.id,
        taskKey: "t",
        dynamicKey: id,
        name: `task-${id}`,
        tags: [],
        state: at("COMPLETED", "Completed", 2),
        stateHistory: [],
        runCount: 1,
        inputs: {},
        waitFor: [],
        createdAt: 2,
        updatedAt: 2,
        ...extra,
      });
      await store.recordTaskRunBatch({
        taskRuns: [
          task("a"),
          task("b", { inputs: { "0": ["a"], "1": ["a"] } }),
          task("c", { waitFor: ["b"], parentTaskRunId: "a" }),
        ],
        taskRunStates: [],
        logs: [],
      });
      await store.createFlowRun({
        flowName: "child",
        name: "sub",
        state: at("COMPLETED", "Completed", 3),
        parameters: {},
        tags: [],
        retries: 0,
        runCount: 1,
        parentFlowRunId: run.id,
        createdAt: 3,
      });
      const page1 = await api.readFlowRunGraph(store, run.id, { limit: 2 });
      expect(page1.nodes.map((n) => [n[0], n[1]])).toEqual([
        ["a", "task"],
        ["b", "task"],
        [expect.any(String), "flow"],
      ]);
      expect(page1.edges).toEqual([["a", "b", "data"]]);
      const page2 = await api.readFlowRunGraph(store, run.id, { limit: 2, cursor: page1.nextCursor });
      expect(page2.nodes.map((n) => n[0])).toEqual(["c"]);
      expect(page2.edges).toEqual(
        expect.arrayContaining([
          ["b", "c", "wait"],
          ["a", "c", "parent"],
        ]),
      );
      expect(page2.nextCursor).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
