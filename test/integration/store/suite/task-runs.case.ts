/**
 * Cases: the run recorder's batches and reading task runs.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import type { OrdoClient } from "../../../../src/client/ordo-client.js";
import type { TaskRun } from "../../../../src/schemas/index.js";
import { RESULT, state, taskRun, batch, log, expectCode, type SuiteContext } from "./helpers.js";

/** Cases: the run recorder's batches and reading task runs. */
export function taskRunCases(ctx: SuiteContext): void {
  describe("task runs", () => {
    it("records a batch of task runs and reads them back in creation order", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const runs = [0, 1, 2].map((i) => taskRun(flowRun.id, { createdAt: 1_000 + i, updatedAt: 1_000 + i }));
      await client.recordBatch(batch({ taskRuns: [...runs].reverse() }));
      expect(await client.readTaskRuns({ flowRunId: flowRun.id })).toEqual(runs);
      expect(await client.readTaskRun(runs[1]!.id)).toEqual(runs[1]);
    });

    it("keeps every field of a task run", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const full = taskRun(flowRun.id, {
        tags: ["t"],
        state: state("FAILED", "Failed", 5, {
          message: "bad",
          error: { name: "TypeError", message: "bad", code: "X", stack: "at x" },
        }),
        stateHistory: [
          ["PENDING", "Pending", 1],
          ["RUNNING", "Running", 2],
          ["FAILED", "Failed", 5, "bad"],
        ],
        runCount: 2,
        startTime: 2,
        endTime: 5,
        inputsHash: "h",
        cacheKey: "k",
        cacheExpiration: 99,
        result: { kind: "storage", serializer: "json", storage: "local", key: "abc" },
        inputs: { "0": ["up-1"], "1": ["up-2", "up-3"] },
        waitFor: ["w-1"],
        parentTaskRunId: "p-1",
      });
      await client.recordBatch(batch({ taskRuns: [full] }));
      expect(await client.readTaskRun(full.id)).toEqual(full);
    });

    it("updates a task run with its newer snapshot", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const first = taskRun(flowRun.id, { updatedAt: 1_000, createdAt: 1_000 });
      await client.recordBatch(batch({ taskRuns: [first] }));
      const second: TaskRun = {
        ...first,
        state: state("COMPLETED", "Completed", 2_000),
        stateHistory: [...first.stateHistory, ["COMPLETED", "Completed", 2_000]],
        endTime: 2_000,
        result: RESULT,
        updatedAt: 2_000,
      };
      await client.recordBatch(batch({ taskRuns: [second] }));
      expect(await client.readTaskRun(first.id)).toEqual(second);
      expect(await client.readTaskRuns({ flowRunId: flowRun.id })).toHaveLength(1);
    });

    it("lets the snapshot written last win, even from a clock that is behind", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const first = taskRun(flowRun.id, {
        state: state("FAILED", "Failed", 2_000),
        updatedAt: 2_000,
        createdAt: 1_000,
      });
      await client.recordBatch(batch({ taskRuns: [first] }));
      const rerun = { ...first, state: state("RUNNING", "Retrying", 1_500), runCount: 2, updatedAt: 1_500 };
      await client.recordBatch(batch({ taskRuns: [rerun] }));
      expect(await client.readTaskRun(first.id)).toEqual(rerun);
    });

    it("keeps a task run's identity (flow run, task key, dynamic key, creation time) on update", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const first = taskRun(flowRun.id, { createdAt: 1_000, updatedAt: 1_000 });
      await client.recordBatch(batch({ taskRuns: [first] }));
      await client.recordBatch(
        batch({ taskRuns: [{ ...first, dynamicKey: "other", createdAt: 5, updatedAt: 2_000 }] }),
      );
      expect(await client.readTaskRun(first.id)).toMatchObject({
        dynamicKey: first.dynamicKey,
        createdAt: 1_000,
        updatedAt: 2_000,
      });
    });

    it("stores the detailed state records of a batch, oldest first", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const run = taskRun(flowRun.id);
      const failed = state("FAILED", "Failed", 10, {
        message: "boom",
        error: { name: "Error", message: "boom", stack: "s" },
      });
      const retry = state("SCHEDULED", "AwaitingRetry", 11, { scheduledTime: 20 });
      await client.recordBatch(
        batch({ taskRuns: [run], taskRunStates: [{ taskRunId: run.id, state: failed }] }),
      );
      await client.recordBatch(batch({ taskRunStates: [{ taskRunId: run.id, state: retry }] }));
      expect(await client.readTaskRunStates(run.id)).toEqual([failed, retry]);
    });

    it("filters task runs by ids, state types and names, names, task keys and tags, with limit, offset and sort", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const other = await client.createFlowRun({ flowName: "etl", name: "other" });
      const a = taskRun(flowRun.id, {
        taskKey: "load",
        name: "load-0",
        tags: ["x"],
        createdAt: 1,
        updatedAt: 1,
      });
      const b = taskRun(flowRun.id, {
        state: state("COMPLETED", "Completed"),
        tags: ["x", "y"],
        createdAt: 2,
        updatedAt: 2,
      });
      const c = taskRun(other.id, { state: state("COMPLETED", "Cached"), createdAt: 3, updatedAt: 3 });
      await client.recordBatch(batch({ taskRuns: [a, b, c] }));
      const names = async (filter: Parameters<OrdoClient["readTaskRuns"]>[0]) =>
        (await client.readTaskRuns(filter)).map((r) => r.id);
      expect(await names({ flowRunId: flowRun.id })).toEqual([a.id, b.id]);
      expect(await names({ ids: [c.id, a.id] })).toEqual([a.id, c.id]);
      expect(await names({ stateTypes: ["COMPLETED"] })).toEqual([b.id, c.id]);
      // A state name within a type, filtered before the limit.
      expect(await names({ stateNames: ["Cached"] })).toEqual([c.id]);
      expect(
        await names({ stateTypes: ["COMPLETED"], stateNames: ["Completed"], sort: "NEWEST", limit: 1 }),
      ).toEqual([b.id]);
      expect(await names({ stateNames: [] })).toEqual([]);
      expect(await names({ names: ["load-0"] })).toEqual([a.id]);
      expect(await names({ taskKeys: ["extract"] })).toEqual([b.id, c.id]);
      expect(await names({ tags: ["x", "y"] })).toEqual([b.id]);
      expect(await names({ limit: 1, offset: 1 })).toEqual([b.id]);
      expect(await names({ sort: "NEWEST" })).toEqual([c.id, b.id, a.id]);
      expect(await names({ sort: "NEWEST", limit: 2 })).toEqual([c.id, b.id]);
      expect(await names({ sort: "OLDEST", limit: 2 })).toEqual([a.id, b.id]);
      expect(await names({ ids: [] })).toEqual([]);
    });

    it("throws ORDO_NOT_FOUND for an unknown task run", async () => {
      const client = await ctx.open();
      await expectCode(client.readTaskRun("nope"), "ORDO_NOT_FOUND");
    });

    it("rejects a batch that breaks a constraint whole, leaving no partial rows", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const good = taskRun(flowRun.id);
      const orphan = taskRun("no-such-flow-run");
      await expectCode(
        client.recordBatch(
          batch({
            taskRuns: [good, orphan],
            taskRunStates: [{ taskRunId: good.id, state: state("RUNNING", "Running") }],
            logs: [log(flowRun.id, "hello")],
          }),
        ),
        "ORDO_INVALID_INPUT",
      );
      expect(await client.readTaskRuns({ flowRunId: flowRun.id })).toEqual([]);
      expect(await client.readTaskRunStates(good.id)).toEqual([]);
      expect(await client.readLogs({ flowRunId: flowRun.id })).toEqual([]);
    });

    it("rejects a second task run for the same flow run, task key and dynamic key", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const first = taskRun(flowRun.id);
      await client.recordBatch(batch({ taskRuns: [first] }));
      const twin = taskRun(flowRun.id, { taskKey: first.taskKey, dynamicKey: first.dynamicKey });
      await expectCode(client.recordBatch(batch({ taskRuns: [twin] })), "ORDO_INVALID_INPUT");
      expect((await client.readTaskRuns({ flowRunId: flowRun.id })).map((r) => r.id)).toEqual([first.id]);
    });
  });
}
