/**
 * Cancelling a flow run that runs in this process (started from code, not by a worker):
 * the engine learns of it from its heartbeat's answer and ends the run Cancelled.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flow, flowContext, task, taskContext, type FlowRun } from "../../../src/index.js";
import { LogLevel } from "../../../src/schemas/log.js";
import { resetEngineConfig } from "../../../src/sdk/engine-config.js";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";

const { client } = useTempOrdoHome();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(() => {
  process.env.ORDO_HEARTBEAT_SECONDS = "0.1";
  resetEngineConfig();
});
afterAll(() => {
  delete process.env.ORDO_HEARTBEAT_SECONDS;
  resetEngineConfig();
});

/** Waits until the newest run of `flowName` is Running. */
async function running(flowName: string): Promise<FlowRun> {
  const c = await client();
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const [run] = await c.readFlowRuns({ flowName, limit: 1 });
    if (run?.state.name === "Running") return run;
    await sleep(20);
  }
  throw new Error(`no run of ${flowName} became Running`);
}

/** Resolves when `signal` aborts. */
function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(signal.reason)));
}

describe("cancelling a flow run started from code", () => {
  it("aborts the running task's signal, starts no new task, ends Cancelled and runs onCancellation (not the task's onFailure)", async () => {
    const started: string[] = [];
    const hooks: string[] = [];
    const waitForCancel = task(
      { name: "wait-for-cancel", onFailure: [() => void hooks.push("task onFailure")] },
      async () => {
        started.push("wait");
        await aborted(taskContext().signal);
        throw new Error("stopped by its signal");
      },
    );
    const after = task({ name: "after" }, () => {
      started.push("after");
    });
    const longJob = flow(
      {
        name: "long-job",
        onCancellation: [(state) => void hooks.push(state.name)],
      },
      async () => {
        await waitForCancel().catch(() => undefined);
        await after();
      },
    );

    const outcome = longJob.state();
    const run = await running("long-job");
    const c = await client();
    expect((await c.orchestration.cancelFlowRun(run.id)).state.name).toBe("Cancelling");

    const state = await outcome;
    expect(state.name).toBe("Cancelled");
    expect(state.message).toContain("was cancelled");
    expect(started).toEqual(["wait"]);
    expect(hooks).toEqual(["Cancelled"]);
    expect((await c.readFlowRunStates(run.id)).map((s) => s.name)).toEqual([
      "Pending",
      "Running",
      "Cancelling",
      "Cancelled",
    ]);
    // The body goes on after the cancellation (its await settles): its next task is Cancelled unstarted.
    await sleep(200);
    const tasks = await c.readTaskRuns({ flowRunId: run.id });
    expect(tasks.find((t) => t.name.startsWith("wait-for-cancel"))?.state.name).toBe("Cancelled");
    expect(tasks.every((t) => t.state.name === "Cancelled")).toBe(true);
    // A cancelled task run did not fail: its line is a warning.
    const lines = await c.readLogs({ flowRunId: run.id });
    const cancelledLine = lines.find((l) => /wait-for-cancel-0' Cancelled/.test(l.message));
    expect(cancelledLine?.level).toBe(LogLevel.warning);
  });

  it("does not wait for a body that ignores the cancellation", async () => {
    let flowSignalAborted = false;
    const stubborn = flow({ name: "stubborn" }, async () => {
      flowContext().signal.addEventListener("abort", () => (flowSignalAborted = true));
      await sleep(60_000);
    });
    const outcome = stubborn.state();
    const run = await running("stubborn");
    const begin = Date.now();
    await (await client()).orchestration.cancelFlowRun(run.id);
    const state = await outcome;
    expect(state.name).toBe("Cancelled");
    expect(Date.now() - begin).toBeLessThan(10_000);
    expect(flowSignalAborted).toBe(true);
  });

  it("cancels a subflow run in the same process with its parent", async () => {
    const child = flow({ name: "child-of-cancelled" }, async () => {
      await sleep(60_000);
    });
    const parent = flow({ name: "parent-of-cancelled" }, async () => {
      await child.state();
    });
    const outcome = parent.state();
    const run = await running("parent-of-cancelled");
    const c = await client();
    const childRun = await running("child-of-cancelled");
    await c.orchestration.cancelFlowRun(run.id);
    expect((await outcome).name).toBe("Cancelled");
    const deadline = Date.now() + 10_000;
    let childState = "";
    while (Date.now() < deadline) {
      childState = (await c.readFlowRun(childRun.id)).state.name;
      if (childState === "Cancelled") break;
      await sleep(20);
    }
    expect(childState).toBe("Cancelled");
  });
});
