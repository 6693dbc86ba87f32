import { describe, expect, it } from "vitest";
import { z } from "zod";
import { OrdoError, flow, retryFlowRun, task } from "../../../src/index.js";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";

const { client } = useTempOrdoHome();

describe("durable resume of several subflows", () => {
  it("matches each earlier subflow run by flow name and call order", async () => {
    const calls: string[] = [];
    let fail = true;
    const childA = flow({ name: "child-a" }, async () => (calls.push("A"), "A"));
    const childB = flow({ name: "child-b" }, async () => (calls.push("B"), "B"));
    const parent = flow({ name: "two-children" }, async () => {
      const a = await childA();
      const b = await childB();
      if (fail) {
        fail = false;
        throw new Error("after both children");
      }
      return [a, b];
    });
    const first = await parent.state();
    const second = await retryFlowRun(first.flowRunId!);
    expect(await second.result()).toEqual(["A", "B"]);
    expect(calls).toEqual(["A", "B"]);
  });
});

describe("task retry messages", () => {
  it("logs each retry in the task run's logs", async () => {
    let calls = 0;
    const flaky = task({ name: "flaky-logged", retries: 1, retryDelaySeconds: 0 }, async () => {
      if (++calls === 1) throw new Error("first try fails");
      return calls;
    });
    const state = await flow({ name: "retry-logs" }, async () => flaky()).state();
    const logs = await (await client()).readLogs({ flowRunId: state.flowRunId! });
    const retryLine = logs.find((l) => l.message.includes("retry 1 of 1"));
    expect(retryLine?.taskRunId).toBeDefined();
    expect(logs.some((l) => l.message.includes("were dropped"))).toBe(false);
  });
});

describe("logPrints on a task alone", () => {
  it("captures the task's prints even when no flow asked for logPrints", async () => {
    const printer = task({ name: "lone-printer", logPrints: true }, async () => {
      console.log("only the task prints");
    });
    const state = await flow({ name: "quiet-flow" }, async () => printer()).state();
    const logs = await (await client()).readLogs({ flowRunId: state.flowRunId! });
    expect(logs.map((l) => l.message)).toContain("only the task prints");
  });
});

describe("flow-run names", () => {
  it("fill templates from validated parameters, defaults included", async () => {
    const named = flow(
      { name: "named-defaults", params: z.object({ n: z.number().default(7) }), flowRunName: "run-{n}" },
      async ({ n }) => n,
    );
    const state = await named.state({});
    expect((await (await client()).readFlowRun(state.flowRunId!)).name).toBe("run-7");
  });
});

describe("OrdoError", () => {
  it("is recognised by instanceof across copies of Ordo, by its brand", () => {
    const fromAnotherCopy = Object.assign(new Error("x"), {
      [Symbol.for("ordo.error")]: true,
      code: "ORDO_NOT_FOUND",
    });
    expect(fromAnotherCopy instanceof OrdoError).toBe(true);
    expect(new Error("plain") instanceof OrdoError).toBe(false);
    expect(new OrdoError("ORDO_NOT_FOUND", "missing") instanceof OrdoError).toBe(true);
  });
});

describe("names", () => {
  it("are the name property of flows and tasks", () => {
    const t = task({ name: "named-task" }, async () => 1);
    const f = flow({ name: "named-flow" }, async () => 1);
    expect([t.name, t.taskName, f.name, f.flowName]).toEqual([
      "named-task",
      "named-task",
      "named-flow",
      "named-flow",
    ]);
  });
});
