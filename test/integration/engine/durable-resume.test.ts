import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flow, retryFlowRun, task } from "../../../src/index.js";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";
import { spawnTsx } from "../../helpers/spawn-tsx.js";
import { crashable } from "./fixtures/crashable-flow.js";

const { client, home } = useTempOrdoHome();
const FIXTURE = join(import.meta.dirname, "fixtures", "crashable-flow.ts");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function counts(file: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
    const i = Number(line);
    out.set(i, (out.get(i) ?? 0) + 1);
  }
  return out;
}

/** Starts the crashable flow in a child, waits until `atLeast` steps completed in the store, kills it with SIGKILL. */
async function crashMidway(durability: "batched" | "sync", steps: number, atLeast: number) {
  const counterFile = join(home(), `counter-${durability}.txt`);
  writeFileSync(counterFile, "");
  const { child, done } = spawnTsx(FIXTURE, [String(steps), counterFile, durability], { ORDO_HOME: home() });
  const c = await client();
  const deadline = Date.now() + 30_000;
  let flowRunId: string | undefined;
  let completedIds: string[] = [];
  while (Date.now() < deadline) {
    const [run] = (await c.readFlowRuns({ flowName: "crashable", limit: 10 })).filter(
      (r) => r.pid === child.pid,
    );
    if (run !== undefined) {
      flowRunId = run.id;
      const runs = await c.readTaskRuns({ flowRunId: run.id });
      completedIds = runs.filter((r) => r.state.type === "COMPLETED").map((r) => r.dynamicKey);
      if (completedIds.length >= atLeast) break;
    }
    await sleep(10);
  }
  child.kill("SIGKILL");
  const exit = await done;
  expect(exit.signal).toBe("SIGKILL");
  expect(flowRunId).toBeDefined();
  return { flowRunId: flowRunId!, completedAtKill: completedIds.map(Number), counterFile };
}

describe("durable resume after a crash", () => {
  it("marks a killed run Crashed and, on retry, does not rerun the task runs the store showed completed", async () => {
    const { flowRunId, completedAtKill, counterFile } = await crashMidway("batched", 20, 5);
    expect(completedAtKill.length).toBeGreaterThanOrEqual(5);
    const c = await client();
    expect(await c.markCrashedRuns()).toContain(flowRunId);
    expect((await c.readFlowRun(flowRunId)).state.name).toBe("Crashed");

    const state = await retryFlowRun(flowRunId);
    expect(state.isCompleted()).toBe(true);
    expect(await state.result()).toBe(Array.from({ length: 20 }, (_, i) => i * 10).reduce((a, b) => a + b));
    const ran = counts(counterFile);
    for (const i of completedAtKill) expect(ran.get(i)).toBe(1);
    for (let i = 0; i < 20; i++) expect(ran.get(i)).toBeGreaterThanOrEqual(1);
    const run = await c.readFlowRun(flowRunId);
    expect(run.runCount).toBe(2);
    expect((await c.readFlowRunStates(flowRunId)).map((s) => s.name)).toEqual([
      "Pending",
      "Running",
      "Crashed",
      "Retrying",
      "Completed",
    ]);
  });

  it('with durability "sync", reruns at most the one step that was in flight', async () => {
    const { flowRunId, completedAtKill, counterFile } = await crashMidway("sync", 20, 5);
    const state = await retryFlowRun(flowRunId);
    expect(state.isCompleted()).toBe(true);
    const ran = counts(counterFile);
    for (const i of completedAtKill) expect(ran.get(i)).toBe(1);
    const rerun = [...ran.entries()].filter(([, n]) => n > 1).map(([i]) => i);
    expect(rerun.length).toBeLessThanOrEqual(1);
  });

  it("refuses to retry a run that is not Failed, Crashed or Cancelled", async () => {
    const ok = await flow({ name: "fine" }, async () => 1).state();
    await expect(retryFlowRun(ok.flowRunId!)).rejects.toMatchObject({ code: "ORDO_NOT_RETRYABLE" });
  });
});

describe("durable resume after a failure", () => {
  it("reuses completed task runs and reruns the failed one when the flow run is retried", async () => {
    const calls = new Map<string, number>();
    let failOnce = true;
    const track = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
    const extract = task({ name: "extract" }, async () => {
      track("extract");
      return [1, 2, 3];
    });
    const load = task({ name: "load" }, async (rows: number[]) => {
      track("load");
      if (failOnce) {
        failOnce = false;
        throw new Error("warehouse down");
      }
      return rows.length;
    });
    const etl = flow({ name: "resumable-etl" }, async () => load(await extract()));
    const first = await etl.state();
    expect(first.isFailed()).toBe(true);
    const second = await retryFlowRun(first.flowRunId!);
    expect(await second.result()).toBe(3);
    expect(calls.get("extract")).toBe(1);
    expect(calls.get("load")).toBe(2);
    expect(second.flowRunId).toBe(first.flowRunId);
  });

  it("runs a task again, and says why, when its inputs changed", async () => {
    let source = 1;
    const calls: number[] = [];
    const read = task({ name: "read-source", persistResult: false }, async () => source);
    const use = task({ name: "use" }, async (x: number) => {
      calls.push(x);
      return x;
    });
    let fail = true;
    const f = flow({ name: "changed-inputs" }, async () => {
      const v = await use(await read());
      if (fail) {
        fail = false;
        throw new Error("first attempt fails");
      }
      return v;
    });
    const first = await f.state();
    source = 2;
    const second = await retryFlowRun(first.flowRunId!);
    expect(await second.result()).toBe(2);
    expect(calls).toEqual([1, 2]);
    const logs = await (await client()).readLogs({ flowRunId: first.flowRunId! });
    expect(logs.some((l) => l.message.includes("its inputs differ from the earlier attempt"))).toBe(true);
  });

  it("reuses a completed subflow when the parent is retried", async () => {
    let childRuns = 0;
    let fail = true;
    const child = flow({ name: "resumable-child" }, async () => {
      childRuns++;
      return "child-value";
    });
    const parent = flow({ name: "resumable-parent" }, async () => {
      const v = await child();
      if (fail) {
        fail = false;
        throw new Error("parent fails after the child");
      }
      return v;
    });
    const first = await parent.state();
    const second = await retryFlowRun(first.flowRunId!);
    expect(await second.result()).toBe("child-value");
    expect(childRuns).toBe(1);
  });
});

describe("crashable fixture", () => {
  it("completes when not killed", async () => {
    const counterFile = join(home(), "counter-plain.txt");
    writeFileSync(counterFile, "");
    expect(await crashable({ steps: 3, counterFile, durability: "batched" })).toBe(30);
  });
});
