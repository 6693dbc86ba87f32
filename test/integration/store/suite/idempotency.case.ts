/**
 * Cases: a write sent twice (a request retried after a network error) happens once.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { batch, log, state, taskRun, type SuiteContext } from "./helpers.js";

/** Cases: idempotent creates, state changes and recorder batches. */
export function idempotencyCases(ctx: SuiteContext): void {
  describe("idempotency", () => {
    it("creates one flow run for a create sent twice with the same id", async () => {
      const client = await ctx.open();
      const id = randomUUID();
      const first = await client.createFlowRun({ id, flowName: "etl", name: "once" });
      const again = await client.createFlowRun({ id, flowName: "etl", name: "once" });
      expect(again).toEqual(first);
      expect(await client.readFlowRuns({ flowName: "etl" })).toHaveLength(1);
    });

    it("answers a state change sent twice with the same key once, and writes it once", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      const running = state("RUNNING", "Running");
      const first = await client.setFlowRunState(run.id, running, { idempotencyKey: "k-1" });
      const again = await client.setFlowRunState(run.id, running, { idempotencyKey: "k-1" });
      expect(first.status).toBe("ACCEPT");
      expect(again).toEqual({ status: "ACCEPT", state: first.state, runCount: first.runCount });
      const history = await client.readFlowRunStates(run.id);
      expect(history.map((s) => s.name)).toEqual(["Pending", "Running"]);
    });

    it("still decides a new key on its own merits", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      await client.setFlowRunState(run.id, state("RUNNING", "Running"), { idempotencyKey: "a" });
      const duplicate = await client.setFlowRunState(run.id, state("RUNNING", "Running"), {
        idempotencyKey: "b",
      });
      expect(duplicate.status).toBe("REJECT");
    });

    it("writes a recorder batch sent twice with the same batch id once", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      const task = taskRun(run.id);
      const sent = batch({
        batchId: randomUUID(),
        taskRuns: [task],
        taskRunStates: [{ taskRunId: task.id, state: state("RUNNING", "Running") }],
        logs: [log(run.id, "hello")],
      });
      await client.recordBatch(sent);
      await client.recordBatch(sent);
      expect((await client.readLogs({ flowRunId: run.id })).map((l) => l.message)).toEqual(["hello"]);
      expect(await client.readTaskRunStates(task.id)).toHaveLength(1);
    });

    it("writes a large batch sent twice with the same batch id once", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      const messages = Array.from({ length: 100 }, (_, i) => `line ${i}`);
      const sent = batch({ batchId: randomUUID(), logs: messages.map((m) => log(run.id, m)) });
      await client.recordBatch(sent);
      await client.recordBatch(sent);
      expect((await client.readLogs({ flowRunId: run.id })).map((l) => l.message)).toEqual(messages);
    });

    it("writes batches with different ids, and batches without an id, every time", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      await client.recordBatch(batch({ batchId: "b-1", logs: [log(run.id, "one")] }));
      await client.recordBatch(batch({ batchId: "b-2", logs: [log(run.id, "two")] }));
      await client.recordBatch(batch({ logs: [log(run.id, "three")] }));
      await client.recordBatch(batch({ logs: [log(run.id, "three")] }));
      expect((await client.readLogs({ flowRunId: run.id })).map((l) => l.message)).toEqual([
        "one",
        "two",
        "three",
        "three",
      ]);
    });
  });
}
