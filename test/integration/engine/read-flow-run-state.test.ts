/**
 * `readFlowRunState`: a flow run read back (by id or as read before) as a State whose
 * `result()` gives the value, throws the run's error, or says the run has not ended.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import { flow, readFlowRunState } from "../../../src/index.js";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";

const { client } = useTempOrdoHome();

describe("readFlowRunState", () => {
  it("gives a Completed run's value, by id or from the run as read", async () => {
    const state = await flow({ name: "read-back-ok" }, async () => ({ rows: 3 })).state();
    const byId = await readFlowRunState(state.flowRunId!);
    expect(byId.isCompleted()).toBe(true);
    expect(await byId.result()).toEqual({ rows: 3 });
    const run = await (await client()).readFlowRun(state.flowRunId!);
    expect(await (await readFlowRunState(run)).result()).toEqual({ rows: 3 });
  });

  it("throws a Failed run's error from result()", async () => {
    const failing = flow({ name: "read-back-failed" }, async () => {
      throw new Error("the source table is gone");
    });
    const state = await failing.state();
    const read = await readFlowRunState(state.flowRunId!);
    expect(read.isFailed()).toBe(true);
    await expect(read.result()).rejects.toThrow("the source table is gone");
  });

  it("says ORDO_RESULT_NOT_AVAILABLE while the run has not ended", async () => {
    const run = await (await client()).createFlowRun({ flowName: "read-back-later", name: "later" });
    const read = await readFlowRunState(run.id);
    expect(read.isScheduled() || read.isPending()).toBe(true);
    await expect(read.result()).rejects.toMatchObject({ code: "ORDO_RESULT_NOT_AVAILABLE" });
  });

  it("throws ORDO_NOT_FOUND for an unknown id", async () => {
    await expect(readFlowRunState("01a20000-0000-7000-8000-000000000000")).rejects.toMatchObject({
      code: "ORDO_NOT_FOUND",
    });
  });
});
