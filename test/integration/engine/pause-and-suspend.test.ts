import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { flow, pause, suspend, task, OrdoError, type FlowRun } from "../../../src/index.js";
import { executeFlowRun } from "../../../src/sdk/execute-flow-run.js";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";
import { spawnTsx } from "../../helpers/spawn-tsx.js";

const { client, home } = useTempOrdoHome();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the newest run of `flowName` is in the state named `name`. */
async function runIn(flowName: string, name: string): Promise<FlowRun> {
  const c = await client();
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const [run] = await c.readFlowRuns({ flowName, limit: 1 });
    if (run?.state.name === name) return run;
    await sleep(25);
  }
  throw new Error(`no run of ${flowName} became ${name}`);
}

const Approval = z.object({ approved: z.boolean(), reviewer: z.string() });

describe("pause()", () => {
  it("waits Paused until resumed, then returns the input validated with zod", async () => {
    const approve = flow({ name: "approve" }, async () => {
      const input = await pause({ timeoutSeconds: 60, input: Approval });
      return `${input.reviewer}:${input.approved}`;
    });
    const running = approve.state();
    const run = await runIn("approve", "Paused");
    expect(run.pause).toMatchObject({ key: "pause-0" });
    expect(run.pause?.timeoutAt).toBeGreaterThan(Date.now() + 50_000);
    expect(run.pause?.inputSchema).toMatchObject({ type: "object", required: ["approved", "reviewer"] });
    // The state says how to go on (`--watch`, `inspect` and the UI show it).
    expect(run.state.message).toBe(
      `at 'pause-0' for up to 60 s; resume with: ordo flow-run resume ${run.id} --input '<json>'`,
    );
    const c = await client();
    const resumed = await c.resumeFlowRun(run.id, { approved: true, reviewer: "ada" });
    expect(resumed.state.name).toBe("Running");
    const state = await running;
    expect(state.isCompleted()).toBe(true);
    expect(await state.result()).toBe("ada:true");
    expect((await c.readFlowRunStates(run.id)).map((s) => s.name)).toEqual([
      "Pending",
      "Running",
      "Paused",
      "Running",
      "Completed",
    ]);
    expect((await c.readFlowRun(run.id)).runCount).toBe(1);
  });

  it("refuses invalid input naming the fields, keeps the run Paused, and goes on with valid input", async () => {
    const gate = flow({ name: "gate" }, async () => (await pause({ input: Approval })).reviewer);
    const running = gate.state();
    const run = await runIn("gate", "Paused");
    const c = await client();
    const error = await c.resumeFlowRun(run.id, { approved: "yes" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrdoError);
    expect((error as OrdoError).code).toBe("ORDO_INVALID_INPUT");
    expect((error as OrdoError).message).toContain("input.approved: must be boolean");
    expect((error as OrdoError).message).toContain("input.reviewer: must have required property");
    await sleep(300);
    const still = await c.readFlowRun(run.id);
    expect(still.state.name).toBe("Paused");
    expect(still.resumeInputs).toBeUndefined();
    await c.resumeFlowRun(run.id, { approved: false, reviewer: "bob" });
    expect(await (await running).result()).toBe("bob");
  });

  it("returns undefined without an input schema, and keys pauses by call order", async () => {
    const twice = flow({ name: "twice" }, async () => {
      const first = await pause({ timeoutSeconds: 60 });
      await pause({ timeoutSeconds: 60 });
      return first;
    });
    const running = twice.state();
    const c = await client();
    const first = await runIn("twice", "Paused");
    expect(first.pause?.key).toBe("pause-0");
    await c.resumeFlowRun(first.id);
    const deadline = Date.now() + 10_000;
    let second = await c.readFlowRun(first.id);
    while (second.pause?.key !== "pause-1" && Date.now() < deadline) {
      await sleep(25);
      second = await c.readFlowRun(first.id);
    }
    expect(second.pause?.key).toBe("pause-1");
    await c.resumeFlowRun(first.id);
    const state = await running;
    expect(state.isCompleted()).toBe(true);
    expect(await state.result()).toBeUndefined();
  });

  it("refuses to resume a run that is not paused (ORDO_NOT_PAUSED)", async () => {
    const quick = flow({ name: "quick" }, async () => 1);
    const state = await quick.state();
    const error = await (await client()).resumeFlowRun(state.flowRunId!).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ORDO_NOT_PAUSED" });
  });

  it("fails the run when it is not resumed in time, even when the body catches the timeout", async () => {
    let caught: unknown;
    const impatient = flow({ name: "impatient" }, async () => {
      try {
        await pause({ timeoutSeconds: 1 });
      } catch (error) {
        caught = error;
      }
      return "went on";
    });
    const state = await impatient.state();
    expect(caught).toMatchObject({ code: "ORDO_PAUSE_TIMED_OUT" });
    expect(state.isFailed()).toBe(true);
    expect(state.message).toBe("paused run was not resumed within 1 s");
    const run = await (await client()).readFlowRun(state.flowRunId!);
    expect(run.state).toMatchObject({ type: "FAILED", name: "Failed" });
    expect(run.state.message).toBe("paused run was not resumed within 1 s");
  });

  it("ends the run Cancelled when it is cancelled while paused", async () => {
    const cancellable = flow({ name: "cancellable" }, async () => {
      await pause({ timeoutSeconds: 60 });
      return "not reached";
    });
    const running = cancellable.state();
    const run = await runIn("cancellable", "Paused");
    await (
      await client()
    ).setFlowRunState(run.id, { type: "CANCELLING", name: "Cancelling", timestamp: Date.now() });
    const state = await running;
    expect(state.isCancelled()).toBe(true);
    expect((await (await client()).readFlowRun(run.id)).state.name).toBe("Cancelled");
  });

  it("throws ORDO_NOT_IN_FLOW outside a flow run", async () => {
    await expect(pause()).rejects.toMatchObject({ code: "ORDO_NOT_IN_FLOW" });
    await expect(suspend()).rejects.toMatchObject({ code: "ORDO_NOT_IN_FLOW" });
  });
});

describe("suspend()", () => {
  it("leaves the run Suspended; once resumed it runs again, reusing completed tasks and returning the input", async () => {
    const executions = new Map<string, number>();
    const step = task({ name: "step" }, async (label: string) => {
      executions.set(label, (executions.get(label) ?? 0) + 1);
      return label.toUpperCase();
    });
    const inputs: unknown[] = [];
    const review = flow({ name: "review" }, async () => {
      const before = await step("before");
      const input = await suspend({ timeoutSeconds: 600, input: z.object({ amount: z.number().int() }) });
      inputs.push(input);
      const after = await step("after");
      return `${before}-${after}-${input.amount}`;
    });

    const first = await review.state();
    expect(first.type).toBe("PAUSED");
    expect(first.name).toBe("Suspended");
    const id = first.flowRunId!;
    const c = await client();
    const suspended = await c.readFlowRun(id);
    expect(suspended.state.name).toBe("Suspended");
    expect(suspended.state.message).toMatch(
      /^at 'pause-0' for up to \d+ s; resume with: ordo flow-run resume /,
    );
    expect(suspended.pause).toMatchObject({ key: "pause-0" });
    expect(executions).toEqual(new Map([["before", 1]]));

    await expect(c.resumeFlowRun(id, { amount: 1.5 })).rejects.toMatchObject({
      code: "ORDO_INVALID_INPUT",
    });
    const resumed = await c.resumeFlowRun(id, { amount: 7 });
    expect(resumed.state).toMatchObject({ type: "SCHEDULED", name: "Scheduled" });
    expect(resumed.resumeInputs).toEqual({ "pause-0": { amount: 7 } });

    const final = await executeFlowRun(id);
    expect(final.isCompleted()).toBe(true);
    expect(await final.result()).toBe("BEFORE-AFTER-7");
    expect(executions).toEqual(
      new Map([
        ["before", 1],
        ["after", 1],
      ]),
    );
    expect(inputs).toEqual([{ amount: 7 }]);
    expect((await c.readFlowRunStates(id)).map((s) => s.name)).toEqual([
      "Pending",
      "Running",
      "Suspended",
      "Scheduled",
      "Running", // the same attempt going on: not a retry
      "Completed",
    ]);
  });

  it("refuses to execute a run that is Suspended and not resumed", async () => {
    const hold = flow({ name: "hold" }, async () => suspend({ timeoutSeconds: 600 }));
    const state = await hold.state();
    await expect(executeFlowRun(state.flowRunId!)).rejects.toMatchObject({ code: "ORDO_NOT_RETRYABLE" });
  });
});

describe("a suspended run in separate processes", () => {
  it("suspends in one process and completes in another after the resume, as a worker would run it", async () => {
    const fixture = join(import.meta.dirname, "fixtures", "suspending-flow.ts");
    const counter = join(home(), "suspending-counter.txt");
    writeFileSync(counter, "");
    await client(); // migrate first
    const first = await spawnTsx(fixture, ["start", counter], { ORDO_HOME: home() }).done;
    expect(first.stderr).not.toMatch(/error/i);
    const started = JSON.parse(first.stdout.trim().split("\n").pop()!) as { flowRunId: string; name: string };
    expect(started.name).toBe("Suspended");
    const c = await client();
    // The first process is gone: a Suspended run is still never marked Crashed.
    expect(await c.markCrashedRuns()).not.toContain(started.flowRunId);
    await c.resumeFlowRun(started.flowRunId, { n: 4 });

    const second = await spawnTsx(fixture, ["execute", started.flowRunId, counter], { ORDO_HOME: home() })
      .done;
    const ended = JSON.parse(second.stdout.trim().split("\n").pop()!) as {
      name: string;
      result: number;
      pid: number;
    };
    expect(ended).toMatchObject({ name: "Completed", result: 40 });
    expect(readFileSync(counter, "utf8").split("\n").filter(Boolean)).toEqual(["a", "b"]);
    const run = await c.readFlowRun(started.flowRunId);
    expect(run.state.name).toBe("Completed");
    expect(run.pid).toBe(ended.pid); // the process that ran it last
  });
});
