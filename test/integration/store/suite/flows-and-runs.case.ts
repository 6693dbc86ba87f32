/**
 * Cases: flows, flow runs, reading flow runs.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { OrdoClient } from "../../../../src/client/ordo-client.js";
import { state, expectCode, type SuiteContext } from "./helpers.js";

/** Cases: flows, flow runs, reading flow runs. */
export function flowsAndRunsCases(ctx: SuiteContext): void {
  describe("flows", () => {
    it("creates a flow once per name", async () => {
      const client = await ctx.open();
      const first = await client.ensureFlow({ name: "etl" });
      const again = await client.ensureFlow({ name: "etl" });
      expect(again).toEqual(first);
      expect(first).toMatchObject({ name: "etl", tags: [] });
    });

    it("updates a flow's tags when they are given", async () => {
      const client = await ctx.open();
      const first = await client.ensureFlow({ name: "etl" });
      const tagged = await client.ensureFlow({ name: "etl", tags: ["nightly"] });
      expect(tagged).toEqual({ ...first, tags: ["nightly"] });
    });

    it("rejects an empty flow name", async () => {
      const client = await ctx.open();
      await expectCode(client.ensureFlow({ name: "" }), "ORDO_INVALID_INPUT");
    });
  });

  describe("flow runs", () => {
    it("creates a Pending run of a new flow with its defaults", async () => {
      const client = await ctx.open();
      const before = Date.now();
      const run = await client.createFlowRun({ flowName: "etl", name: "first" });
      expect(run).toMatchObject({
        flowName: "etl",
        name: "first",
        state: { type: "PENDING", name: "Pending" },
        parameters: {},
        tags: [],
        runCount: 0,
        retries: 0,
        totalRunTimeMs: 0,
      });
      expect(run.createdAt).toBeGreaterThanOrEqual(before);
      expect(run.flowId).toBe((await client.ensureFlow({ name: "etl" })).id);
      expect(await client.readFlowRun(run.id)).toEqual(run);
    });

    it("keeps every given field", async () => {
      const client = await ctx.open();
      const parent = await client.createFlowRun({ flowName: "parent", name: "p" });
      const run = await client.createFlowRun({
        flowName: "child",
        name: "c",
        tags: ["a", "b"],
        retries: 3,
        parentFlowRunId: parent.id,
        parentTaskRunId: "task-1",
        dynamicKey: "0",
        host: "somewhere",
        pid: 123,
        entrypoint: "flows.ts:child",
        flowVersion: "v1",
        state: state("SCHEDULED", "Scheduled", 1_000, { scheduledTime: 5_000 }),
      });
      expect(await client.readFlowRun(run.id)).toMatchObject({
        tags: ["a", "b"],
        retries: 3,
        parentFlowRunId: parent.id,
        parentTaskRunId: "task-1",
        dynamicKey: "0",
        host: "somewhere",
        pid: 123,
        entrypoint: "flows.ts:child",
        flowVersion: "v1",
        expectedStartTime: 5_000,
        state: { type: "SCHEDULED", name: "Scheduled", timestamp: 1_000, scheduledTime: 5_000 },
      });
      expect(await client.readFlowRun(run.id)).toEqual(run);
    });

    it.skipIf(ctx.capabilities.richParameters === false)(
      "round-trips parameters holding Dates, Maps and BigInts",
      async () => {
        const client = await ctx.open();
        const parameters = {
          when: new Date(1_700_000_000_000),
          lookup: new Map([["a", 1]]),
          big: 12345678901234567890n,
          n: 1,
        };
        const run = await client.createFlowRun({ flowName: "etl", name: "p", parameters });
        const read = await client.readFlowRun(run.id);
        expect(read.parameters).toEqual(parameters);
        expect(read.parameters.when).toBeInstanceOf(Date);
        expect(read.parameters.lookup).toBeInstanceOf(Map);
        expect(typeof read.parameters.big).toBe("bigint");
      },
    );

    it("returns the existing run when created again with the same id", async () => {
      const client = await ctx.open();
      const id = randomUUID();
      const first = await client.createFlowRun({ id, flowName: "etl", name: "first" });
      const again = await client.createFlowRun({ id, flowName: "etl", name: "second" });
      expect(again).toEqual(first);
      expect(await client.readFlowRunStates(id)).toHaveLength(1);
    });

    it("records the first state in the history", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      expect(await client.readFlowRunStates(run.id)).toEqual([run.state]);
    });

    it("counts a run created directly in RUNNING", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({
        flowName: "etl",
        name: "r",
        state: state("RUNNING", "Running", 700),
      });
      expect(run).toMatchObject({ runCount: 1, startTime: 700 });
    });

    it("rejects invalid input", async () => {
      const client = await ctx.open();
      await expectCode(client.createFlowRun({ flowName: "etl", name: "" }), "ORDO_INVALID_INPUT");
      await expectCode(
        client.createFlowRun({
          flowName: "etl",
          name: "x",
          state: { type: "RUNNING", name: "Completed", timestamp: 1 },
        }),
        "ORDO_INVALID_INPUT",
      );
    });

    it("throws ORDO_NOT_FOUND for unknown ids", async () => {
      const client = await ctx.open();
      await expectCode(client.readFlowRun("nope"), "ORDO_NOT_FOUND");
      await expectCode(client.readFlowRunStates("nope"), "ORDO_NOT_FOUND");
      await expectCode(client.setFlowRunState("nope", state("RUNNING", "Running")), "ORDO_NOT_FOUND");
      await expectCode(client.heartbeatFlowRun("nope"), "ORDO_NOT_FOUND");
    });

    it("records heartbeats and answers the run's current state", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      const before = Date.now();
      expect(await client.heartbeatFlowRun(run.id)).toEqual({ state: { type: "PENDING", name: "Pending" } });
      expect((await client.readFlowRun(run.id)).heartbeatAt).toBeGreaterThanOrEqual(before);
      await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      await client.setFlowRunState(run.id, state("CANCELLING", "Cancelling"));
      expect(await client.heartbeatFlowRun(run.id)).toEqual({
        state: { type: "CANCELLING", name: "Cancelling" },
      });
    });
  });

  describe("reading flow runs", () => {
    it("reads newest first, with limit and offset", async () => {
      const client = await ctx.open();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await client.createFlowRun({ flowName: "etl", name: `r${i}` })).id);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const newestFirst = [...ids].reverse();
      expect((await client.readFlowRuns()).map((r) => r.id)).toEqual(newestFirst);
      expect((await client.readFlowRuns({ limit: 2, offset: 1 })).map((r) => r.id)).toEqual(
        newestFirst.slice(1, 3),
      );
    });

    it("filters by ids, flow name, state types and names, tags, parent and dynamic key", async () => {
      const client = await ctx.open();
      const a = await client.createFlowRun({ flowName: "etl", name: "a", tags: ["x", "y"] });
      const b = await client.createFlowRun({
        flowName: "etl",
        name: "b",
        tags: ["x"],
        parentFlowRunId: a.id,
        dynamicKey: "0",
      });
      const c = await client.createFlowRun({
        flowName: "report",
        name: "c",
        parentFlowRunId: a.id,
        dynamicKey: "1",
      });
      await client.setFlowRunState(c.id, state("RUNNING", "Running"));
      const ids = async (filter: Parameters<OrdoClient["readFlowRuns"]>[0]) =>
        (await client.readFlowRuns(filter)).map((r) => r.name).sort();

      expect(await ids({ ids: [a.id, c.id] })).toEqual(["a", "c"]);
      expect(await ids({ ids: [] })).toEqual([]);
      expect(await ids({ flowName: "etl" })).toEqual(["a", "b"]);
      expect(await ids({ flowName: "missing" })).toEqual([]);
      expect(await ids({ stateTypes: ["RUNNING"] })).toEqual(["c"]);
      expect(await ids({ stateNames: ["Pending"] })).toEqual(["a", "b"]);
      expect(await ids({ tags: ["x"] })).toEqual(["a", "b"]);
      expect(await ids({ tags: ["x", "y"] })).toEqual(["a"]);
      expect(await ids({ parentFlowRunId: a.id })).toEqual(["b", "c"]);
      expect(await ids({ parentFlowRunId: a.id, dynamicKey: "1" })).toEqual(["c"]);
      expect(b.parentFlowRunId).toBe(a.id);
    });

    it("rejects an invalid filter", async () => {
      const client = await ctx.open();
      await expectCode(client.readFlowRuns({ limit: 0 }), "ORDO_INVALID_INPUT");
    });
  });
}
