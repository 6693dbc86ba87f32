import { describe, expect, it } from "vitest";
import type { OrdoClient } from "../../../src/client/ordo-client.js";
import { RunRecorder, type TaskRunSnapshot } from "../../../src/engine/recorder.js";
import type { RecorderBatch } from "../../../src/schemas/index.js";

/** A client whose batch writes end when the test says so. */
function slowClient() {
  const writes: { batch: RecorderBatch; done: () => void; fail: (error: Error) => void }[] = [];
  const client = {
    recordBatch: (batch: RecorderBatch) =>
      new Promise<void>((resolve, reject) => writes.push({ batch, done: resolve, fail: reject })),
  } as unknown as OrdoClient;
  return { client, writes };
}

function snapshot(key: string): TaskRunSnapshot {
  const now = Date.now();
  return {
    id: `run-${key}`,
    flowRunId: "flow-run",
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

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
};

describe("the run recorder's backlog", () => {
  it("holds task runs back only while a write is in flight and maxPending items wait behind it", async () => {
    const { client, writes } = slowClient();
    const recorder = new RunRecorder(client, { flushIntervalMs: 60_000, maxItems: 2, maxPending: 3 });
    recorder.taskRun(snapshot("a"));
    expect(recorder.backlog()).toBeUndefined(); // nothing in flight
    recorder.taskRun(snapshot("b")); // maxItems: written at once
    expect(writes).toHaveLength(1);
    recorder.taskRun(snapshot("c"));
    recorder.taskRun(snapshot("d"));
    expect(recorder.backlog()).toBeUndefined(); // 2 wait, fewer than maxPending
    recorder.taskRun(snapshot("e"));
    const backlog = recorder.backlog();
    expect(backlog).toBeDefined();
    expect(recorder.backlog()).toBe(backlog); // one promise for every caller
    expect(await settled(backlog!)).toBe(false);

    writes[0]!.done();
    expect(await settled(backlog!)).toBe(true);
    // What waited is written at once, not at the next timer turn.
    expect(writes).toHaveLength(2);
    expect(writes[1]!.batch.taskRuns.map((run) => run.dynamicKey)).toEqual(["c", "d", "e"]);
    expect(recorder.backlog()).toBeUndefined();
    writes[1]!.done();
    await recorder.flush();
    expect(recorder.pending).toBe(0);
  });

  it("lets task runs go on when the write in flight fails (the batch is kept for the next attempt)", async () => {
    const { client, writes } = slowClient();
    const errors: unknown[] = [];
    const recorder = new RunRecorder(client, {
      flushIntervalMs: 60_000,
      maxItems: 1,
      onError: (error) => errors.push(error),
    });
    recorder.taskRun(snapshot("a"));
    recorder.taskRun(snapshot("b"));
    const backlog = recorder.backlog();
    expect(backlog).toBeDefined();
    writes[0]!.fail(new Error("busy"));
    expect(await settled(backlog!)).toBe(true);
    expect(errors).toHaveLength(1);
    expect(recorder.pending).toBe(2);
    expect(recorder.backlog()).toBeUndefined(); // no write in flight while it backs off
  });
});
