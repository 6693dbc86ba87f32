/**
 * Cases: flow-run state changes and the orchestration rules.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import { RESULT, state, expectCode, type SuiteContext } from "./helpers.js";

/** Cases: flow-run state changes and the orchestration rules. */
export function flowRunStateCases(ctx: SuiteContext): void {
  describe("flow-run states", () => {
    it("accepts Pending → Running, counting the run and setting its start time", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      const result = await client.setFlowRunState(run.id, state("RUNNING", "Running", 1_000));
      expect(result).toMatchObject({
        status: "ACCEPT",
        state: { type: "RUNNING", name: "Running" },
        runCount: 1,
      });
      expect(await client.readFlowRun(run.id)).toMatchObject({
        runCount: 1,
        startTime: 1_000,
        state: { type: "RUNNING" },
      });
    });

    it("sets the end time and total run time when a final state is entered, with the result", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      await client.setFlowRunState(run.id, state("RUNNING", "Running", 1_000));
      const done = await client.setFlowRunState(run.id, state("COMPLETED", "Completed", 2_500), {
        result: RESULT,
      });
      expect(done.status).toBe("ACCEPT");
      expect(await client.readFlowRun(run.id)).toMatchObject({
        state: { type: "COMPLETED", name: "Completed", timestamp: 2_500 },
        startTime: 1_000,
        endTime: 2_500,
        totalRunTimeMs: 1_500,
        result: RESULT,
      });
    });

    it("keeps every transition in the history, oldest first", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      await client.setFlowRunState(run.id, state("RUNNING", "Running", 10));
      await client.setFlowRunState(
        run.id,
        state("FAILED", "Failed", 20, { message: "boom", error: { name: "Error", message: "boom" } }),
      );
      const history = await client.readFlowRunStates(run.id);
      expect(history.map((s) => s.name)).toEqual(["Pending", "Running", "Failed"]);
      expect(history[2]).toEqual({
        type: "FAILED",
        name: "Failed",
        timestamp: 20,
        message: "boom",
        error: { name: "Error", message: "boom" },
      });
    });

    it("rejects leaving a final state and returns the current one", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      await client.setFlowRunState(run.id, state("COMPLETED", "Completed"));
      const result = await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      expect(result.status).toBe("REJECT");
      expect(result.state.type).toBe("COMPLETED");
      expect(result.reason).toMatch(/final state/);
      expect((await client.readFlowRun(run.id)).state.type).toBe("COMPLETED");
      expect(await client.readFlowRunStates(run.id)).toHaveLength(3);
    });

    it("rejects entering the state the run is already in", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      const again = await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      expect(again.status).toBe("REJECT");
      expect((await client.readFlowRun(run.id)).runCount).toBe(1);
    });

    it("turns a failure with retries left into AwaitingRetry after the retry delay", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r", retries: 1 });
      await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      const before = Date.now();
      const result = await client.setFlowRunState(
        run.id,
        state("FAILED", "Failed", Date.now(), { message: "boom" }),
        {
          retryDelayMs: 60_000,
        },
      );
      expect(result).toMatchObject({
        status: "ACCEPT",
        state: { type: "SCHEDULED", name: "AwaitingRetry" },
      });
      expect(result.state.scheduledTime).toBeGreaterThanOrEqual(before + 60_000);
      expect((await client.readFlowRun(run.id)).state.name).toBe("AwaitingRetry");
    });

    it("makes a run scheduled for later wait, and says how long", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r", retries: 1 });
      await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      await client.setFlowRunState(run.id, state("FAILED", "Failed"), { retryDelayMs: 60_000 });
      const early = await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      expect(early.status).toBe("WAIT");
      expect(early.delayMs).toBeGreaterThan(50_000);
      expect(early.state.name).toBe("AwaitingRetry");
      expect(early.runCount).toBe(1);
    });

    it("names the next attempt Retrying and counts it", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r", retries: 1 });
      await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      await client.setFlowRunState(run.id, state("FAILED", "Failed"), { retryDelayMs: 0 });
      const retry = await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      expect(retry).toMatchObject({ status: "ACCEPT", state: { name: "Retrying" }, runCount: 2 });
    });

    it("lets a failure stand when retries are used up or the failure is not retryable", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r", retries: 1 });
      await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      const final = await client.setFlowRunState(run.id, state("FAILED", "Failed"), { retryable: false });
      expect(final.state.type).toBe("FAILED");
      const other = await client.createFlowRun({ flowName: "etl", name: "r2" });
      await client.setFlowRunState(other.id, state("RUNNING", "Running"));
      expect((await client.setFlowRunState(other.id, state("FAILED", "Failed"))).state.type).toBe("FAILED");
    });

    it("lets force step around the protective rules", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      await client.setFlowRunState(run.id, state("CANCELLED", "Cancelled"));
      const forced = await client.setFlowRunState(run.id, state("SCHEDULED", "Scheduled"), { force: true });
      expect(forced.status).toBe("ACCEPT");
      expect((await client.readFlowRun(run.id)).state.type).toBe("SCHEDULED");
      expect((await client.readFlowRun(run.id)).endTime).toBeUndefined();
    });

    it("lets a re-run leave a failed state but never a completed one", async () => {
      const client = await ctx.open();
      const failed = await client.createFlowRun({ flowName: "etl", name: "f" });
      await client.setFlowRunState(failed.id, state("RUNNING", "Running"));
      await client.setFlowRunState(failed.id, state("FAILED", "Failed"));
      expect(
        (await client.setFlowRunState(failed.id, state("RUNNING", "Running"), { rerun: true })).status,
      ).toBe("ACCEPT");
      const completed = await client.createFlowRun({ flowName: "etl", name: "c" });
      await client.setFlowRunState(completed.id, state("COMPLETED", "Completed"));
      expect(
        (await client.setFlowRunState(completed.id, state("RUNNING", "Running"), { rerun: true })).status,
      ).toBe("REJECT");
    });

    it("rejects an invalid state with ORDO_INVALID_INPUT", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      await expectCode(
        client.setFlowRunState(run.id, { type: "RUNNING", name: "Cached", timestamp: 1 }),
        "ORDO_INVALID_INPUT",
      );
    });
  });
}
