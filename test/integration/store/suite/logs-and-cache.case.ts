/**
 * Cases: log lines and cached results.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ResultRef } from "../../../../src/states/index.js";
import { RESULT, state, taskRun, batch, log, type SuiteContext } from "./helpers.js";

/** Cases: log lines and cached results. */
export function logAndCacheCases(ctx: SuiteContext): void {
  describe("logs", () => {
    it("reads log lines oldest first, filtered by run, level and position", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const other = await client.createFlowRun({ flowName: "etl", name: "other" });
      const task = taskRun(flowRun.id);
      await client.recordBatch(
        batch({
          taskRuns: [task],
          logs: [
            log(flowRun.id, "one", { level: 10 }),
            log(flowRun.id, "two", { level: 40, taskRunId: task.id }),
            log(other.id, "elsewhere"),
          ],
        }),
      );
      await client.recordBatch(batch({ logs: [log(flowRun.id, "three", { level: 20 })] }));
      const all = await client.readLogs({ flowRunId: flowRun.id });
      expect(all.map((l) => l.message)).toEqual(["one", "two", "three"]);
      expect(all[1]).toMatchObject({
        flowRunId: flowRun.id,
        taskRunId: task.id,
        level: 40,
        name: "ordo.test",
      });
      expect(all.every((l) => typeof l.id === "number")).toBe(true);
      expect((await client.readLogs({ taskRunId: task.id })).map((l) => l.message)).toEqual(["two"]);
      expect((await client.readLogs({ flowRunId: flowRun.id, minLevel: 20 })).map((l) => l.message)).toEqual([
        "two",
        "three",
      ]);
      expect(
        (await client.readLogs({ flowRunId: flowRun.id, afterId: all[0]!.id })).map((l) => l.message),
      ).toEqual(["two", "three"]);
      expect((await client.readLogs({ flowRunId: flowRun.id, limit: 1 })).map((l) => l.message)).toEqual([
        "one",
      ]);
    });
  });

  describe("cached results", () => {
    it("finds the newest completed, unexpired result under a cache key", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const key = `k-${randomUUID()}`;
      const older = taskRun(flowRun.id, {
        cacheKey: key,
        state: state("COMPLETED", "Completed"),
        result: RESULT,
        updatedAt: 1_000,
      });
      const newerResult: ResultRef = { kind: "inline", serializer: "json", data: "43" };
      const newer = taskRun(flowRun.id, {
        cacheKey: key,
        state: state("COMPLETED", "Completed"),
        result: newerResult,
        updatedAt: 2_000,
      });
      await client.recordBatch(batch({ taskRuns: [older, newer] }));
      expect(await client.findCachedResult(key, Date.now())).toEqual({
        cacheKey: key,
        sourceRunId: newer.id,
        result: newerResult,
      });
    });

    it("ignores expired results, failed runs and runs without a result", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const key = `k-${randomUUID()}`;
      await client.recordBatch(
        batch({
          taskRuns: [
            taskRun(flowRun.id, {
              cacheKey: key,
              state: state("COMPLETED", "Completed"),
              result: RESULT,
              cacheExpiration: 5_000,
            }),
            taskRun(flowRun.id, { cacheKey: key, state: state("FAILED", "Failed"), result: RESULT }),
            taskRun(flowRun.id, { cacheKey: key, state: state("COMPLETED", "Completed") }),
          ],
        }),
      );
      expect(await client.findCachedResult(key, 4_999)).toMatchObject({ cacheKey: key, result: RESULT });
      expect(await client.findCachedResult(key, 5_000)).toBeUndefined();
      expect(await client.findCachedResult("unknown", 0)).toBeUndefined();
    });
  });
}
