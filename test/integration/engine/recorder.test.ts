import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedClient } from "../../../src/client/embedded-client.js";
import { RunRecorder, type TaskRunSnapshot } from "../../../src/engine/recorder.js";
import { uuid7 } from "../../../src/ids/uuid7.js";

let dir: string;
let client: EmbeddedClient;
let flowRunId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ordo-recorder-"));
  client = await EmbeddedClient.open({ path: join(dir, "ordo.db"), taskRunEvents: "all" });
  await client.ensureFlow({ name: "f" });
  flowRunId = (await client.createFlowRun({ flowName: "f", name: "r" })).id;
});
afterAll(async () => {
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

function snapshot(runId: string, key: string): TaskRunSnapshot {
  const now = Date.now();
  return {
    id: uuid7(),
    flowRunId: runId,
    taskKey: "t",
    dynamicKey: key,
    name: `t-${key}`,
    tags: [],
    state: { type: "COMPLETED", name: "Completed", timestamp: now },
    stateHistory: [["COMPLETED", "Completed", now]],
    runCount: 1,
    startTime: now,
    endTime: now,
    inputsHash: undefined,
    cacheKey: undefined,
    cacheExpiration: undefined,
    result: undefined,
    inputs: {},
    waitFor: [],
    parentTaskRunId: undefined,
    createdAt: now,
    updatedAt: now,
  };
}

describe("the run recorder", () => {
  it("writes the latest snapshot of a task run changed several times as one row", async () => {
    const recorder = new RunRecorder(client, { flushIntervalMs: 1000 });
    const run = snapshot(flowRunId, "a");
    recorder.taskRun(run);
    run.name = "renamed";
    recorder.taskRun(run);
    expect(recorder.pending).toBe(1);
    await recorder.flush();
    expect((await client.readTaskRun(run.id)).name).toBe("renamed");
  });

  it("writes on its own after the flush interval", async () => {
    const recorder = new RunRecorder(client, { flushIntervalMs: 5 });
    const run = snapshot(flowRunId, "b");
    recorder.taskRun(run);
    await new Promise((r) => setTimeout(r, 50));
    expect((await client.readTaskRun(run.id)).id).toBe(run.id);
  });

  it("drops only the items the store rejects as invalid, and reports them", async () => {
    const dropped: unknown[] = [];
    const recorder = new RunRecorder(client, { flushIntervalMs: 1000, onDropped: (e) => dropped.push(e) });
    const good = [snapshot(flowRunId, "c1"), snapshot(flowRunId, "c2"), snapshot(flowRunId, "c3")];
    const orphan = snapshot("no-such-flow-run", "c4");
    for (const run of [good[0]!, orphan, good[1]!, good[2]!]) recorder.taskRun(run);
    recorder.log({ flowRunId, level: 20, name: "test", message: "kept", timestamp: Date.now() });
    await recorder.flush();
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ code: "ORDO_INVALID_INPUT" });
    for (const run of good) expect((await client.readTaskRun(run.id)).id).toBe(run.id);
    await expect(client.readTaskRun(orphan.id)).rejects.toMatchObject({ code: "ORDO_NOT_FOUND" });
    expect((await client.readLogs({ flowRunId })).map((l) => l.message)).toContain("kept");
  });
});

describe("the run recorder's task-run events", () => {
  const eventsOf = async (run: TaskRunSnapshot) =>
    (await client.readEvents({ resourceId: `ordo.task-run.${run.id}` })).map((e) => e.event);

  it("has one event written per state, however many batches carry the snapshot", async () => {
    const recorder = new RunRecorder(client, { flushIntervalMs: 1000 });
    const run = snapshot(flowRunId, "e1");
    run.stateHistory = [["PENDING", "Pending", run.createdAt]];
    recorder.taskRun(run);
    await recorder.flush();
    run.stateHistory.push(["RUNNING", "Running", run.createdAt + 1]);
    recorder.taskRun(run);
    run.stateHistory.push(["COMPLETED", "Completed", run.createdAt + 2]);
    recorder.taskRun(run);
    await recorder.flush();
    run.name = "renamed"; // a change without a new state
    recorder.taskRun(run);
    await recorder.flush();
    expect(await eventsOf(run)).toEqual([
      "ordo.task-run.Pending",
      "ordo.task-run.Running",
      "ordo.task-run.Completed",
    ]);
  });

  it("has no events written again for the states of a task run recorded before (a resumed run)", async () => {
    const recorder = new RunRecorder(client, { flushIntervalMs: 1000 });
    const run = snapshot(flowRunId, "e2");
    recorder.recordedBefore(run);
    run.stateHistory.push(["RUNNING", "Running", run.createdAt + 1]);
    recorder.taskRun(run);
    await recorder.flush();
    expect(await eventsOf(run)).toEqual(["ordo.task-run.Running"]);
  });
});

describe("the run recorder when the database stays locked", () => {
  it.each([
    ["a small batch, written in line", 3],
    ["a large batch, written by the writer thread", 100],
  ])("keeps %s and writes it once the lock is released", async (_label, size) => {
    const path = join(dir, `locked-${size}.db`);
    const locked = await EmbeddedClient.open({ path, lockTimeoutMs: 150, taskRunEvents: "all" });
    await locked.ensureFlow({ name: "f" });
    const runId = (await locked.createFlowRun({ flowName: "f", name: "r" })).id;
    const errors: unknown[] = [];
    const recorder = new RunRecorder(locked, {
      flushIntervalMs: 60_000,
      maxItems: 10_000,
      onError: (e) => errors.push(e),
    });
    const runs = Array.from({ length: size }, (_, i) => snapshot(runId, `k${i}`));
    for (const run of runs) recorder.taskRun(run);

    const holder = new BetterSqlite3(path);
    holder.exec("BEGIN IMMEDIATE");
    await expect(recorder.flush()).rejects.toMatchObject({ code: "ORDO_DATABASE_BUSY" });
    expect(recorder.pending).toBe(size);
    holder.exec("COMMIT");
    holder.close();

    await recorder.flush();
    expect(recorder.pending).toBe(0);
    expect(await locked.readTaskRuns({ flowRunId: runId, limit: 1000 })).toHaveLength(size);
    // The kept batch's states are still new: each has its event, once.
    const events = await locked.readEvents({ events: ["ordo.task-run.*"], limit: 1000 });
    expect(events.map((e) => e.resource["ordo.resource.id"])).toEqual(
      runs.map((r) => `ordo.task-run.${r.id}`),
    );
    await locked.close();
  });
});
