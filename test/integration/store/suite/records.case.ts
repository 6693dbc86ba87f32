/**
 * Cases: variables, artifacts and events.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import { expectCode, state, type SuiteContext } from "./helpers.js";

/** Cases: variables, artifacts and events. */
export function recordCases(ctx: SuiteContext): void {
  describe("variables", () => {
    it("sets, reads, replaces, lists by prefix and deletes a variable", async () => {
      const client = await ctx.open();
      const first = await client.setVariable({ name: "batch_size", value: 500, tags: ["etl"] });
      expect(first).toMatchObject({ name: "batch_size", value: 500, tags: ["etl"] });
      const replaced = await client.setVariable({ name: "batch_size", value: { rows: 1000, on: true } });
      expect(replaced).toMatchObject({ id: first.id, value: { rows: 1000, on: true }, tags: ["etl"] });
      await client.setVariable({ name: "batch_window", value: "1h" });
      await client.setVariable({ name: "other", value: null });
      expect((await client.readVariables({ namePrefix: "batch_" })).map((v) => v.name)).toEqual([
        "batch_size",
        "batch_window",
      ]);
      expect((await client.readVariable("other")).value).toBeNull();
      await client.deleteVariable("batch_size");
      await expectCode(client.readVariable("batch_size"), "ORDO_NOT_FOUND");
      await expectCode(client.deleteVariable("batch_size"), "ORDO_NOT_FOUND");
    });

    it("treats % and _ in a prefix literally", async () => {
      const client = await ctx.open();
      await client.setVariable({ name: "a_b", value: 1 });
      await client.setVariable({ name: "axb", value: 2 });
      expect((await client.readVariables({ namePrefix: "a_" })).map((v) => v.name)).toEqual(["a_b"]);
    });

    it("refuses a bad name or an oversized value and writes nothing", async () => {
      const client = await ctx.open();
      await expectCode(client.setVariable({ name: "Bad Name", value: 1 }), "ORDO_INVALID_INPUT");
      await expectCode(client.setVariable({ name: "big", value: "x".repeat(70_000) }), "ORDO_INVALID_INPUT");
      expect(await client.readVariables()).toEqual([]);
    });
  });

  describe("artifacts", () => {
    it("versions artifacts by key and lists the latest of each", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      const v1 = await client.createArtifact({
        key: "report",
        type: "markdown",
        data: "# v1",
        flowRunId: run.id,
      });
      const v2 = await client.createArtifact({
        key: "report",
        type: "markdown",
        data: "# v2",
        flowRunId: run.id,
      });
      const table = await client.createArtifact({ type: "table", data: [{ a: 1 }], description: "rows" });
      expect((await client.readArtifacts({ key: "report" })).map((a) => a.id)).toEqual([v2.id, v1.id]);
      const latest = await client.readArtifacts({ latestOnly: true });
      expect(latest.map((a) => a.id).sort()).toEqual([v2.id, table.id].sort());
      expect((await client.readArtifacts({ flowRunId: run.id })).map((a) => a.data)).toEqual([
        "# v2",
        "# v1",
      ]);
      expect(await client.readArtifact(table.id)).toMatchObject({
        type: "table",
        data: [{ a: 1 }],
        description: "rows",
      });
    });

    it("updates a progress artifact in place", async () => {
      const client = await ctx.open();
      const progress = await client.createArtifact({ key: "load", type: "progress", data: 0 });
      const updated = await client.updateArtifact(progress.id, { data: 75 });
      expect(updated).toMatchObject({ id: progress.id, data: 75 });
      await expectCode(client.updateArtifact("missing", { data: 1 }), "ORDO_NOT_FOUND");
    });

    it("refuses an unknown type or a bad key", async () => {
      const client = await ctx.open();
      await expectCode(client.createArtifact({ type: "video" as "markdown", data: 1 }), "ORDO_INVALID_INPUT");
      await expectCode(
        client.createArtifact({ key: "Bad Key", type: "markdown", data: "" }),
        "ORDO_INVALID_INPUT",
      );
    });
  });

  describe("events", () => {
    it("emits an event for every flow-run state change", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "etl", name: "r", tags: ["nightly"] });
      await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      await client.setFlowRunState(run.id, state("COMPLETED", "Completed"));
      const events = await client.readEvents({ resourceId: `ordo.flow-run.${run.id}` });
      expect(events.map((e) => e.event)).toEqual([
        "ordo.flow-run.Pending",
        "ordo.flow-run.Running",
        "ordo.flow-run.Completed",
      ]);
      const completed = events[2]!;
      expect(completed.resource).toMatchObject({ "ordo.resource.name": "r", "ordo.state-type": "COMPLETED" });
      expect(completed.related).toEqual(
        expect.arrayContaining([expect.objectContaining({ "ordo.resource.id": "ordo.tag.nightly" })]),
      );
    });

    it("stores emitted events and filters them by name prefix, resource and position", async () => {
      const client = await ctx.open();
      await client.emitEvents([
        { event: "shop.order.created", resource: { "ordo.resource.id": "order.1" }, payload: { total: 3 } },
        { event: "shop.order.paid", resource: { "ordo.resource.id": "order.1" } },
        { event: "shop.refund", resource: { "ordo.resource.id": "order.2" } },
      ]);
      const orders = await client.readEvents({ events: ["shop.order.*"] });
      expect(orders.map((e) => e.event)).toEqual(["shop.order.created", "shop.order.paid"]);
      expect(orders[0]!.payload).toEqual({ total: 3 });
      expect((await client.readEvents({ resourceId: "order.2" })).map((e) => e.event)).toEqual([
        "shop.refund",
      ]);
      const after = await client.readEvents({ events: ["shop.*"], afterId: orders[0]!.id });
      expect(after.map((e) => e.event)).toEqual(["shop.order.paid", "shop.refund"]);
    });

    it("refuses an event without a resource id and writes none of the batch", async () => {
      const client = await ctx.open();
      await expectCode(
        client.emitEvents([
          { event: "good", resource: { "ordo.resource.id": "x" } },
          { event: "bad", resource: {} },
        ]),
        "ORDO_INVALID_INPUT",
      );
      expect(await client.readEvents({ events: ["good", "bad"] })).toEqual([]);
    });
  });
}
