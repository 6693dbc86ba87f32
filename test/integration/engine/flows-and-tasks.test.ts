import { describe, expect, it } from "vitest";
import { z } from "zod";
import { flow, task, getRunLogger, flowContext, taskContext, OrdoError } from "../../../src/index.js";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";

const { client } = useTempOrdoHome();

describe("a flow run", () => {
  it("returns the flow's value and records a Completed flow run", async () => {
    const add = task({ name: "add" }, async (a: number, b: number) => a + b);
    const sum = flow({ name: "sum" }, async () => add(1, 2));
    const state = await sum.state();
    expect(state.isCompleted()).toBe(true);
    expect(await state.result()).toBe(3);
    const run = await (await client()).readFlowRun(state.flowRunId!);
    expect(run).toMatchObject({
      flowName: "sum",
      state: { type: "COMPLETED", name: "Completed" },
      runCount: 1,
    });
    expect(run.endTime).toBeGreaterThanOrEqual(run.startTime!);
  });

  it("records every task run with its state history", async () => {
    const square = task({ name: "square" }, async (x: number) => x * x);
    const squares = flow({ name: "squares" }, async () => Promise.all([1, 2, 3].map((x) => square(x))));
    const state = await squares.state();
    expect(await state.result()).toEqual([1, 4, 9]);
    const runs = await (await client()).readTaskRuns({ flowRunId: state.flowRunId! });
    expect(runs.map((r) => r.name).sort()).toEqual(["square-0", "square-1", "square-2"]);
    for (const r of runs) {
      expect(r.state.name).toBe("Completed");
      expect(r.stateHistory.map((h) => h[1])).toEqual(["Pending", "Running", "Completed"]);
      expect(r.runCount).toBe(1);
    }
  });

  it("ends Failed with the error's message when the flow throws, and rethrows when called", async () => {
    const boom = flow({ name: "boom" }, async () => {
      throw new Error("kaput");
    });
    const state = await boom.state();
    expect(state.isFailed()).toBe(true);
    expect(state.message).toContain("kaput");
    await expect(boom()).rejects.toThrow("kaput");
  });

  it("writes the run's logs to the store", async () => {
    const chatty = flow({ name: "chatty" }, async () => {
      getRunLogger().info("hello from %s", "the flow");
    });
    const state = await chatty.state();
    const logs = await (await client()).readLogs({ flowRunId: state.flowRunId! });
    expect(logs.map((l) => l.message)).toContain("hello from the flow");
  });

  it("captures console output with logPrints", async () => {
    const printer = task({ name: "printer", logPrints: true }, async () => {
      console.log("printed inside a task");
    });
    const printing = flow({ name: "printing", logPrints: true }, async () => {
      console.log("printed inside the flow");
      await printer();
    });
    const state = await printing.state();
    const logs = await (await client()).readLogs({ flowRunId: state.flowRunId! });
    const messages = logs.map((l) => l.message);
    expect(messages).toContain("printed inside the flow");
    expect(messages).toContain("printed inside a task");
    expect(logs.find((l) => l.message === "printed inside a task")?.taskRunId).toBeDefined();
  });

  it("gives code its run context", async () => {
    const who = task({ name: "who" }, async () => ({ ...taskContext(), signal: undefined }));
    const ctxFlow = flow({ name: "ctx-flow" }, async () => ({
      flow: { ...flowContext(), signal: undefined },
      task: await who(),
    }));
    const state = await ctxFlow.state();
    const value = await state.result();
    expect(value.flow.flowRunId).toBe(state.flowRunId);
    expect(value.task).toMatchObject({ flowRunId: state.flowRunId, taskName: "who", attempt: 1 });
  });

  it("names runs from templates", async () => {
    const fetchTable = task({ name: "fetch-table", taskRunName: "fetch-{0}" }, async (t: string) => t);
    const named = flow(
      { name: "named", params: z.object({ table: z.string() }), flowRunName: "load-{table}" },
      async ({ table }) => fetchTable(table),
    );
    const state = await named.state({ table: "users" });
    const c = await client();
    expect((await c.readFlowRun(state.flowRunId!)).name).toBe("load-users");
    expect((await c.readTaskRuns({ flowRunId: state.flowRunId! }))[0]?.name).toBe("fetch-users");
  });
});

describe("flow parameters", () => {
  const typed = flow(
    { name: "typed", params: z.object({ n: z.number().int(), label: z.string().default("x") }) },
    async ({ n, label }) => `${label}${n}`,
  );

  it("validates and applies defaults", async () => {
    expect(await typed({ n: 2 })).toBe("x2");
  });

  it("rejects invalid parameters before anything is written, naming the field", async () => {
    const c = await client();
    const before = (await c.readFlowRuns({ flowName: "typed", limit: 1000 })).length;
    const error = await typed({ n: "two" } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrdoError);
    expect(error).toMatchObject({ code: "ORDO_INVALID_PARAMETERS", details: { field: "n" } });
    expect((error as Error).message).toContain("n:");
    expect((await c.readFlowRuns({ flowName: "typed", limit: 1000 })).length).toBe(before);
  });

  it("exposes the parameters' JSON schema", () => {
    const schema = typed.parameterSchema();
    expect(schema).toMatchObject({
      type: "object",
      properties: { n: { type: "integer" }, label: { type: "string" } },
    });
    expect(schema.required).toEqual(["n"]);
  });
});

describe("subflows", () => {
  it("runs a flow called inside a flow as its own run, linked to its parent", async () => {
    const child = flow({ name: "child" }, async ({ x }: { x: number }) => x + 1);
    const parent = flow({ name: "parent" }, async () => (await child({ x: 1 })) + (await child({ x: 10 })));
    const state = await parent.state();
    expect(await state.result()).toBe(13);
    const children = await (await client()).readFlowRuns({ parentFlowRunId: state.flowRunId! });
    expect(children).toHaveLength(2);
    expect(children.every((c) => c.flowName === "child" && c.state.type === "COMPLETED")).toBe(true);
    expect(children.map((c) => c.dynamicKey).sort()).toEqual(["0", "1"]);
  });
});

describe("tasks outside a flow", () => {
  it("run plainly, untracked", async () => {
    const plain = task({ name: "plain" }, async (x: number) => x * 3);
    expect(await plain(4)).toBe(12);
  });
  it("cannot be submitted", () => {
    const plain = task({ name: "plain-submit" }, async () => 1);
    expect(() => plain.submit()).toThrow(expect.objectContaining({ code: "ORDO_NO_ACTIVE_RUN" }) as Error);
  });
});
