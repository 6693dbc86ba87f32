/**
 * `suspend()` on a worker: the run's process ends while the run waits Suspended; once
 * resumed with valid input, a worker runs it again in a new process, which reuses the
 * steps completed before the suspension (durable resume) and gets the input. The resumed
 * attempt is the same attempt: it is Running, not Retrying, and uses up no retry.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FlowRun } from "../../../src/schemas/index.js";
import { REPO_ROOT } from "../../helpers/ordo-cli.js";
import { alive, eventually, FLOWS, useWorkerHarness } from "./harness.js";

const harness = useWorkerHarness();

/** Deploys the suspending fixture, starts a worker, and starts a run with `parameters`. */
async function startSuspendingRun(parameters: Record<string, unknown>): Promise<FlowRun> {
  const { client, worker, waitForRun } = harness();
  await client.orchestration.createWorkPool({ name: "local", type: "process" });
  await client.orchestration.createDeployment({
    flowName: "worker-suspending",
    name: "approve",
    entrypoint: `${FLOWS}:suspending`,
    path: REPO_ROOT,
    workPoolName: "local",
    retries: 1, // as `ordo deploy` sends the flow's own
  });
  await worker("local");
  const created = await client.orchestration.createDeploymentFlowRun("worker-suspending/approve", {
    parameters,
  });
  return waitForRun(created.id, (run) => run.state.name === "Suspended");
}

describe("a suspended run on a worker", () => {
  it("frees its process, refuses invalid input, then resumes in a new process without rerunning completed steps", async () => {
    const { client, dir, waitForRun } = harness();
    const logFile = join(dir, "steps.log");
    const suspended = await startSuspendingRun({ logFile });
    const firstPid = suspended.pid;
    expect(firstPid).toBeDefined();
    await eventually("the suspended run's process to end", () => (alive(firstPid!) ? undefined : true));
    expect(readFileSync(logFile, "utf8")).toBe("0\n");
    expect(suspended).toMatchObject({ runCount: 1, suspensions: 1 });

    await expect(client.resumeFlowRun(suspended.id, { n: "four" })).rejects.toMatchObject({
      code: "ORDO_INVALID_INPUT",
    });
    expect((await client.readFlowRun(suspended.id)).state.name).toBe("Suspended");

    await client.resumeFlowRun(suspended.id, { n: 4 });
    const done = await waitForRun(suspended.id, (run) => run.state.type === "COMPLETED", 30_000);
    expect(readFileSync(logFile, "utf8")).toBe("0\n1\n"); // step 0 reused, not run again
    expect(done.pid).not.toBe(firstPid);
    expect(Object.values(done.resumeInputs ?? {})).toEqual([{ n: 4 }]);
    expect(done.result).toEqual({ kind: "inline", serializer: "json", data: '{"json":40}' });
    expect((await client.readFlowRunStates(done.id)).map((s) => s.name)).toEqual([
      "Scheduled",
      "InfrastructurePending",
      "Pending",
      "Running",
      "Suspended",
      "Scheduled",
      "InfrastructurePending",
      "Pending",
      "Running", // the same attempt, going on: not Retrying
      "Completed",
    ]);
  });

  it("keeps the flow's retries for failures after the resume, resumed before the first process is gone", async () => {
    const { client, dir, waitForRun } = harness();
    const logFile = join(dir, "steps.log");
    const suspended = await startSuspendingRun({ logFile, failOnceFile: join(dir, "failed-once") });
    await client.resumeFlowRun(suspended.id, { n: 2 });
    const done = await waitForRun(suspended.id, (run) => run.state.type === "COMPLETED", 30_000);
    const states = await client.readFlowRunStates(done.id);
    expect(states.map((s) => s.name).slice(-5)).toEqual([
      "Pending",
      "Running",
      "AwaitingRetry",
      "Retrying",
      "Completed",
    ]);
    expect(states.find((s) => s.name === "AwaitingRetry")?.message).toMatch(
      /^retry 1 of 1 in 0s after: Error: failing once after the resume/,
    );
    expect(readFileSync(logFile, "utf8")).toBe("0\n1\n"); // the retry reused both steps
    expect(done.result).toMatchObject({ data: '{"json":20}' });
  });
});
