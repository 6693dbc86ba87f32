/**
 * Property: no body posted to a write endpoint makes the server answer 5xx, and a
 * rejected request writes nothing.
 */
import BetterSqlite3 from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type AppHarness } from "./app-harness.js";

let h: AppHarness;
let db: BetterSqlite3.Database;
let runId = "";
const TABLES = [
  "flows",
  "flow_runs",
  "flow_run_states",
  "task_runs",
  "task_run_states",
  "logs",
  "recorded_batches",
];

beforeAll(async () => {
  h = await openApp();
  const created = await h.json("POST", "/api/flow_runs", { flowName: "fuzz", name: "target" });
  runId = (created.body as { id: string }).id;
  db = new BetterSqlite3(h.dbPath, { readonly: true });
});
afterAll(async () => {
  db.close();
  await h.close();
});

function counts(): Record<string, number> {
  return Object.fromEntries(
    TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
}

const now = Date.now();
const validBodies: Record<string, () => Record<string, unknown>> = {
  "/api/flows": () => ({ name: "f", tags: ["a"] }),
  "/api/flow_runs": () => ({ flowName: "fuzz", name: "r", parameters: { a: 1 }, tags: [], retries: 0 }),
  "/api/flow_runs/{id}/set_state": () => ({ state: { type: "RUNNING", name: "Running", timestamp: now } }),
  "/api/variables": () => ({ name: "v", value: { a: [1, 2] }, tags: ["t"] }),
  "/api/artifacts": () => ({ key: "k", type: "markdown", data: "# x", flowRunId: runId }),
  "/api/events": () => ({ events: [{ event: "e.x", resource: { "ordo.resource.id": "r" }, payload: {} }] }),
  "/api/flow_runs/paginate": () => ({ flowName: "fuzz", stateTypes: ["PENDING"], limit: 10 }),
  "/api/flow_runs/count": () => ({ filter: { tags: ["a"] }, cap: 100 }),
  "/api/flow_runs/history": () => ({ from: now - 3_600_000, to: now, intervalSeconds: 600 }),
  "/api/task_runs/batch": () => ({
    taskRuns: [
      {
        id: "t-1",
        flowRunId: runId,
        taskKey: "k",
        dynamicKey: "0",
        name: "n",
        tags: [],
        state: { type: "RUNNING", name: "Running", timestamp: now },
        stateHistory: [],
        runCount: 1,
        inputs: {},
        waitFor: [],
        createdAt: now,
        updatedAt: now,
      },
    ],
    taskRunStates: [],
    logs: [{ flowRunId: runId, level: 20, name: "x", message: "m", timestamp: now }],
  }),
};

/** A valid body with one field replaced by an arbitrary JSON value (or removed). */
function mutated(path: string) {
  const base = validBodies[path]!();
  const keys = Object.keys(base);
  return fc
    .tuple(fc.constantFrom(...keys), fc.option(fc.jsonValue(), { nil: undefined }))
    .map(([key, value]) => {
      const body: Record<string, unknown> = { ...base };
      if (value === undefined) delete body[key];
      else body[key] = value;
      return body;
    });
}

const anyBody = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()));

describe.each(Object.keys(validBodies))("POST %s", (path) => {
  it("never answers 5xx, and writes nothing when it rejects", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyBody, mutated(path)), async (body) => {
        const before = counts();
        const url = path.replace("{id}", runId);
        const res = await h.json("POST", url, body);
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.body).toMatchObject({ error: { code: expect.stringMatching(/^ORDO_/) } });
          expect(counts()).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("never answers 5xx for bytes that are not JSON", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        const res = await h.app.request(path.replace("{id}", runId), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: text,
        });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});
