import { describe, expect, it } from "vitest";
import { exponentialBackoff, flow, getRunLogger, task, taskContext, type State } from "../../../src/index.js";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";

const { client } = useTempOrdoHome();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("task retries", () => {
  it("retries a failing task and records AwaitingRetry and Retrying", async () => {
    let calls = 0;
    const flaky = task({ name: "flaky", retries: 2, retryDelaySeconds: 0.01 }, async () => {
      calls++;
      if (calls < 3) throw new Error(`fail ${calls}`);
      return taskContext().attempt;
    });
    const f = flow({ name: "retrying" }, async () => flaky());
    const state = await f.state();
    expect(await state.result()).toBe(3);
    const [run] = await (await client()).readTaskRuns({ flowRunId: state.flowRunId! });
    expect(run!.stateHistory.map((h) => h[1])).toEqual([
      "Pending",
      "Running",
      "AwaitingRetry",
      "Retrying",
      "AwaitingRetry",
      "Retrying",
      "Completed",
    ]);
    expect(run!.runCount).toBe(3);
  });

  it("waits retryDelaySeconds[n] before attempt n+1", async () => {
    const stamps: number[] = [];
    const flaky = task({ name: "delays", retries: 2, retryDelaySeconds: [0.05, 0.15] }, async () => {
      stamps.push(Date.now());
      if (stamps.length < 3) throw new Error("again");
    });
    await flow({ name: "delays-flow" }, async () => flaky())();
    expect(stamps[1]! - stamps[0]!).toBeGreaterThanOrEqual(45);
    expect(stamps[2]! - stamps[1]!).toBeGreaterThanOrEqual(140);
  });

  it("accepts exponentialBackoff as a delay policy", async () => {
    const stamps: number[] = [];
    const flaky = task(
      { name: "backoff", retries: 2, retryDelaySeconds: exponentialBackoff(0.02) },
      async () => {
        stamps.push(Date.now());
        if (stamps.length < 3) throw new Error("again");
      },
    );
    await flow({ name: "backoff-flow" }, async () => flaky())();
    expect(stamps[2]! - stamps[1]!).toBeGreaterThanOrEqual(35);
  });

  it("stops retrying when retryCondition says no", async () => {
    let calls = 0;
    const picky = task(
      { name: "picky", retries: 5, retryCondition: (err) => !(err instanceof TypeError) },
      async () => {
        calls++;
        throw new TypeError("not worth retrying");
      },
    );
    const failed = await flow({ name: "picky-flow" }, async () => (await picky.state()).isFailed())();
    expect(failed).toBe(true);
    expect(calls).toBe(1);
  });
});

describe("flow retries", () => {
  it("re-runs the flow body, reusing task runs that completed", async () => {
    let stepRuns = 0;
    let attempts = 0;
    const step = task({ name: "expensive-step" }, async () => {
      stepRuns++;
      return 42;
    });
    const f = flow({ name: "flow-retry", retries: 1, retryDelaySeconds: 0 }, async () => {
      const v = await step();
      attempts++;
      if (attempts === 1) throw new Error("flaky flow");
      return v;
    });
    const state = await f.state();
    expect(await state.result()).toBe(42);
    expect(stepRuns).toBe(1);
    const run = await (await client()).readFlowRun(state.flowRunId!);
    expect(run.runCount).toBe(2);
    const names = (await (await client()).readFlowRunStates(run.id)).map((s) => s.name);
    expect(names).toEqual(["Pending", "Running", "AwaitingRetry", "Retrying", "Completed"]);
  });
});

describe("timeouts", () => {
  it("ends a task TimedOut at the deadline without waiting for a function that ignores its signal", async () => {
    let aborted = false;
    const stubborn = task({ name: "stubborn", timeoutSeconds: 0.05 }, async () => {
      taskContext().signal.addEventListener("abort", () => (aborted = true));
      await sleep(400);
      getRunLogger().info("too late");
      return "late";
    });
    const f = flow({ name: "timeouts" }, async () => {
      const t0 = Date.now();
      const st = await stubborn.state();
      return { name: st.name, type: st.type, elapsed: Date.now() - t0 };
    });
    const state = await f.state();
    const value = await state.result();
    expect(value).toMatchObject({ name: "TimedOut", type: "FAILED" });
    expect(value.elapsed).toBeLessThan(300);
    expect(aborted).toBe(true);
    await sleep(450);
    const logs = await (await client()).readLogs({ flowRunId: state.flowRunId! });
    expect(logs.some((l) => l.message === "too late")).toBe(false);
    expect(logs.some((l) => l.message.includes("timed out after 0.05s"))).toBe(true);
  });

  it("ends a flow TimedOut", async () => {
    const slow = flow({ name: "slow-flow", timeoutSeconds: 0.05 }, async () => sleep(500));
    const state = await slow.state();
    expect([state.type, state.name]).toEqual(["FAILED", "TimedOut"]);
  });
});

describe("hooks", () => {
  it("calls onRunning, onCompletion and onFailure with the state", async () => {
    const seen: string[] = [];
    const record = (label: string) => (s: State) => {
      seen.push(`${label}:${s.name}`);
    };
    const ok = task(
      { name: "hooked-ok", onRunning: [record("task-running")], onCompletion: [record("task-done")] },
      async () => 1,
    );
    const bad = task({ name: "hooked-bad", onFailure: [record("task-failed")] }, async () => {
      throw new Error("x");
    });
    const f = flow(
      { name: "hooked", onCompletion: [record("flow-done")], onRunning: [record("flow-running")] },
      async () => {
        await ok();
        await bad.state();
      },
    );
    await f();
    expect(seen).toEqual([
      "flow-running:Running",
      "task-running:Running",
      "task-done:Completed",
      "task-failed:Failed",
      "flow-done:Completed",
    ]);
  });

  it("logs a failing hook instead of failing the run", async () => {
    const f = flow(
      {
        name: "bad-hook",
        onCompletion: [
          () => {
            throw new Error("hook broke");
          },
        ],
      },
      async () => 5,
    );
    const state = await f.state();
    expect(state.isCompleted()).toBe(true);
    const logs = await (await client()).readLogs({ flowRunId: state.flowRunId! });
    expect(logs.some((l) => l.message.includes("hook broke"))).toBe(true);
  });
});
