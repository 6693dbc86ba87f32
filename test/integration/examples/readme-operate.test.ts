/**
 * The README's "Deploy and operate" section, command by command, as a new user runs it:
 * the built `ordo` CLI against a real server on loopback, a real worker, and the
 * repository's examples. Create a pool, start a worker, deploy `hello` on a cron schedule
 * in a time zone, trigger and watch a run, cancel a run for later, and pause, resume and
 * cancel the `approval` example.
 */
import { describe, expect, it } from "vitest";
import { StateType } from "../../../src/states/index.js";
import { alive, eventually, useWorkerHarness } from "../worker/harness.js";

// The services of a real server: the scheduler and the late-run marker run as they do by default.
const harness = useWorkerHarness({ schedulerIntervalMs: 60_000, lateRunsIntervalMs: 5_000 });

/** Runs `ordo ARGS` to its end: exit code and everything it printed. */
async function ordo(...args: string[]): Promise<{ code: number | null; output: string }> {
  const started = harness().ordo(args);
  const { code } = await started.exited;
  return { code, output: started.output() };
}

/** The hour and minute of `iso` on a clock in `timeZone`, as HH:MM. */
function clockIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(
    new Date(iso),
  );
}

/** The README's `ordo deploy` of hello as `hello/nightly`, at 03:00 every day (its time zone added where used). */
const DEPLOY_HELLO = [
  "deploy",
  "examples/hello.ts:hello",
  "--name",
  "nightly",
  "--pool",
  "local",
  "--cron",
  "0 3 * * *",
] as const;

/** The id in `ordo deployment run … --json` output. */
function runIdOf(output: string): string {
  return (JSON.parse(output) as { id: string }).id;
}

describe("README: deploy and operate", () => {
  it("deploys hello on a cron schedule in a time zone, and runs it on a worker with --watch", async () => {
    expect(await ordo("work-pool", "create", "local")).toEqual({
      code: 0,
      output: "created work pool local (process)\n",
    });
    await harness().worker("local");

    const deployed = await ordo(...DEPLOY_HELLO, "--timezone", "Europe/Berlin");
    expect(deployed.code).toBe(0);
    expect(deployed.output).toContain(
      "deployed hello/nightly to pool local (at 03:00 every day (Europe/Berlin))",
    );

    // Its schedule and next runs: each at 03:00 on Berlin's clock, whatever the UTC offset.
    const inspect = await ordo("deployment", "inspect", "hello/nightly");
    expect(inspect.code).toBe(0);
    expect(inspect.output).toMatch(/Status:\s+READY/);
    const nextRuns = inspect.output.slice(inspect.output.indexOf("Next runs"));
    const times = [...nextRuns.matchAll(/Scheduled\s+(\S+Z)/g)].map((match) => match[1]!);
    expect(times.length).toBeGreaterThanOrEqual(3);
    for (const time of times) expect(clockIn(time, "Europe/Berlin")).toBe("03:00");

    // Scheduled → … → Completed, each state printed once and in order; exit 0.
    const watched = await ordo("deployment", "run", "hello/nightly", "--param", "name=Ada", "--watch");
    expect(watched.code).toBe(0);
    const states = watched.output
      .split("\n")
      .slice(1)
      .filter((line) => line !== "")
      .map((line) => line.split(" ")[1]!.replace(/:$/, ""));
    expect(states).toEqual(["InfrastructurePending", "Pending", "Running", "Completed"]);
    const runId = /\(([0-9a-f-]{36})\)/.exec(watched.output)![1]!;
    const logs = await ordo("flow-run", "logs", runId);
    expect(logs.output).toContain("Hello, Ada!");
  });

  it("cancels a run for later at once, and a paused run by stopping its process", async () => {
    await ordo("work-pool", "create", "local");
    await harness().worker("local");
    await ordo(...DEPLOY_HELLO);

    const later = await ordo("deployment", "run", "hello/nightly", "--start-in", "1h", "--json");
    const laterId = runIdOf(later.output);
    const laterRun = await harness().client.readFlowRun(laterId);
    expect(laterRun.state.type).toBe(StateType.SCHEDULED);
    expect(laterRun.state.scheduledTime! - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(await ordo("flow-run", "cancel", laterId)).toEqual({
      code: 0,
      output: `flow run ${laterId} is Cancelled\n`,
    });

    await ordo("deploy", "examples/approval.ts:approval", "--name", "manual", "--pool", "local");
    const paused = runIdOf(
      (await ordo("deployment", "run", "approval/manual", "--param", "amount=250", "--json")).output,
    );
    const waiting = await harness().waitForRun(paused, (run) => run.state.type === StateType.PAUSED);
    const pid = waiting.pid!;
    expect(alive(pid)).toBe(true);
    const cancelled = await ordo("flow-run", "cancel", paused);
    expect(cancelled.code).toBe(0);
    await harness().waitForRun(paused, (run) => run.state.type === StateType.CANCELLED, 5_000);
    await eventually("the paused run's process to end", () => (alive(pid) ? undefined : true), 5_000);
  });

  it("pauses approval for an input, refuses an invalid one, and resumes with a valid one", async () => {
    await ordo("work-pool", "create", "local");
    await harness().worker("local");
    await ordo("deploy", "examples/approval.ts:approval", "--name", "manual", "--pool", "local");

    // Parameters the flow's schema refuses: a clear error naming the field, and no run.
    const refused = await ordo("deployment", "run", "approval/manual", "--param", "amount=-5");
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("amount");
    expect(await harness().client.readFlowRuns({ flowName: "approval" })).toEqual([]);

    const id = runIdOf(
      (await ordo("deployment", "run", "approval/manual", "--param", "amount=250", "--json")).output,
    );
    await harness().waitForRun(id, (run) => run.state.type === StateType.PAUSED);

    const invalid = await ordo("flow-run", "resume", id, "--input", '{"approved": "yes"}');
    expect(invalid.code).toBe(2);
    expect(invalid.output).toContain("ORDO_INVALID_INPUT");
    expect(invalid.output).toContain("input.approved: must be boolean");
    expect(invalid.output).toContain("'by'");
    expect((await harness().client.readFlowRun(id)).state.type).toBe(StateType.PAUSED);

    const resumed = await ordo("flow-run", "resume", id, "--input", '{"approved": true, "by": "Ada"}');
    expect(resumed.code).toBe(0);
    await harness().waitForRun(id, (run) => run.state.type === StateType.COMPLETED);
    const inspect = await ordo("flow-run", "inspect", id, "--json");
    expect(JSON.parse(inspect.output)).toMatchObject({
      resumeInputs: { "pause-0": { approved: true, by: "Ada" } },
    });
  });
});
