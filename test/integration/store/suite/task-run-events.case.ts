/**
 * Cases: task-run events written with recorder batches, and reading events in both
 * orders with keyset paging.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CompactState, TaskRun } from "../../../../src/schemas/index.js";
import { batch, expectCode, state, taskRun, type SuiteContext } from "./helpers.js";

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

/** A task run that went Pending → Running → Completed at T0, +1, +2 ms. */
function completedRun(flowRunId: string, extra: Partial<TaskRun> = {}): TaskRun {
  const history: CompactState[] = [
    ["PENDING", "Pending", T0],
    ["RUNNING", "Running", T0 + 1],
    ["COMPLETED", "Completed", T0 + 2],
  ];
  return taskRun(flowRunId, {
    state: state("COMPLETED", "Completed", T0 + 2),
    stateHistory: history,
    endTime: T0 + 2,
    ...extra,
  });
}

/** Cases: task-run events and event order. */
export function taskRunEventCases(ctx: SuiteContext): void {
  describe("task-run events", () => {
    it("writes an ordo.task-run.<State> event for each new state of a batch, at the state's time", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "nightly-run" });
      const task = completedRun(flowRun.id, { name: "extract-0", tags: ["db"] });
      await client.recordBatch(batch({ taskRuns: [task], newStates: [[task.id, 0, 3]] }));

      const events = await client.readEvents({ resourceId: `ordo.task-run.${task.id}` });
      expect(events.map((e) => [e.event, e.occurred])).toEqual([
        ["ordo.task-run.Pending", T0],
        ["ordo.task-run.Running", T0 + 1],
        ["ordo.task-run.Completed", T0 + 2],
      ]);
      const completed = events[2]!;
      expect(completed.resource).toEqual({
        "ordo.resource.id": `ordo.task-run.${task.id}`,
        "ordo.resource.name": "extract-0",
        "ordo.state-type": "COMPLETED",
        "ordo.state-name": "Completed",
      });
      expect(completed.related).toEqual([
        {
          "ordo.resource.id": `ordo.flow-run.${flowRun.id}`,
          "ordo.resource.role": "flow-run",
          "ordo.resource.name": "nightly-run",
        },
        { "ordo.resource.id": "ordo.flow.etl", "ordo.resource.role": "flow", "ordo.resource.name": "etl" },
        { "ordo.resource.id": "ordo.tag.db", "ordo.resource.role": "tag" },
      ]);
      expect(completed.payload).toEqual({
        validatedState: { type: "COMPLETED", name: "Completed" },
        initialState: { type: "RUNNING", name: "Running" },
      });
      expect(completed.received).toBeGreaterThanOrEqual(T0);
    });

    it("writes events only for the states the batch marks new, so a snapshot written again adds only its later states", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const done = completedRun(flowRun.id);
      const running = {
        ...done,
        state: state("RUNNING", "Running", T0 + 1),
        stateHistory: done.stateHistory.slice(0, 2),
      };
      await client.recordBatch(batch({ taskRuns: [running], newStates: [[done.id, 0, 2]] }));
      await client.recordBatch(batch({ taskRuns: [done], newStates: [[done.id, 2, 3]] }));
      await client.recordBatch(batch({ taskRuns: [done] })); // a snapshot with nothing new

      const events = await client.readEvents({ events: ["ordo.task-run.*"] });
      expect(events.map((e) => e.event)).toEqual([
        "ordo.task-run.Pending",
        "ordo.task-run.Running",
        "ordo.task-run.Completed",
      ]);
    });

    it("carries the state's message, and writes no events again for a batch sent again with its batch id", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const failed = taskRun(flowRun.id, {
        state: state("FAILED", "Failed", T0 + 1, { message: "Error: boom" }),
        stateHistory: [
          ["RUNNING", "Running", T0],
          ["FAILED", "Failed", T0 + 1, "Error: boom"],
        ],
      });
      const sent = batch({ batchId: randomUUID(), taskRuns: [failed], newStates: [[failed.id, 1, 2]] });
      await client.recordBatch(sent);
      await client.recordBatch(sent);

      const events = await client.readEvents({ events: ["ordo.task-run.Failed"] });
      expect(events).toHaveLength(1);
      expect(events[0]!.payload.validatedState).toEqual({
        type: "FAILED",
        name: "Failed",
        message: "Error: boom",
      });
    });

    it("writes the events of a large batch (the SQLite writer thread's path) in batch order", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const runs = Array.from({ length: 100 }, () => completedRun(flowRun.id));
      await client.recordBatch(
        batch({ taskRuns: runs, newStates: runs.map((r): [string, number, number] => [r.id, 1, 3]) }),
      );

      const events = await client.readEvents({ events: ["ordo.task-run.*"], limit: 1000 });
      expect(events).toHaveLength(200);
      expect(events.map((e) => e.resource["ordo.resource.id"])).toEqual(
        runs.flatMap((r) => [`ordo.task-run.${r.id}`, `ordo.task-run.${r.id}`]),
      );
      expect(new Set(events.map((e) => e.id)).size).toBe(200);
    });

    it("writes no events of a batch the database refuses", async () => {
      const client = await ctx.open();
      const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
      const good = completedRun(flowRun.id);
      const orphan = completedRun(randomUUID()); // no such flow run: the batch is refused
      await expectCode(
        client.recordBatch(
          batch({
            taskRuns: [good, orphan],
            newStates: [
              [good.id, 0, 3],
              [orphan.id, 0, 3],
            ],
          }),
        ),
        "ORDO_INVALID_INPUT",
      );
      expect(await client.readEvents({ events: ["ordo.task-run.*"] })).toEqual([]);
    });
  });

  describe("event order", () => {
    async function emitted(count: number) {
      const client = await ctx.open();
      for (let i = 0; i < count; i++) {
        await client.emitEvents([
          { event: `shop.order.${i}`, resource: { "ordo.resource.id": `order.${i}` } },
        ]);
      }
      const all = await client.readEvents({ events: ["shop.*"] });
      return { client, all };
    }

    it("reads newest first with sort NEWEST, and pages older with beforeId", async () => {
      const { client, all } = await emitted(5);
      const newest = [...all].reverse();
      const first = await client.readEvents({ events: ["shop.*"], sort: "NEWEST", limit: 2 });
      expect(first).toEqual(newest.slice(0, 2));
      const second = await client.readEvents({
        events: ["shop.*"],
        sort: "NEWEST",
        limit: 2,
        beforeId: first[1]!.id,
      });
      expect(second).toEqual(newest.slice(2, 4));
      const last = await client.readEvents({
        events: ["shop.*"],
        sort: "NEWEST",
        limit: 2,
        beforeId: second[1]!.id,
      });
      expect(last).toEqual(newest.slice(4));
    });

    it("bounds either order by afterId and beforeId together", async () => {
      const { client, all } = await emitted(5);
      const between = { events: ["shop.*"], afterId: all[0]!.id, beforeId: all[4]!.id };
      expect(await client.readEvents(between)).toEqual(all.slice(1, 4));
      expect(await client.readEvents({ ...between, sort: "NEWEST" })).toEqual(all.slice(1, 4).reverse());
    });

    it("refuses an unknown sort with ORDO_INVALID_INPUT", async () => {
      const client = await ctx.open();
      await expectCode(client.readEvents({ sort: "SIDEWAYS" as "NEWEST" }), "ORDO_INVALID_INPUT");
    });
  });
}
