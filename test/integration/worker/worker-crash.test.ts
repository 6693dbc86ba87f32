import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../helpers/ordo-cli.js";
import { alive, eventually, FLOWS, useWorkerHarness } from "./harness.js";

const HEARTBEAT_SECONDS = 1;
const harness = useWorkerHarness({
  crashDetectionIntervalMs: 1000,
  staleAfterMs: 3 * HEARTBEAT_SECONDS * 1000,
});

describe("a worker killed with SIGKILL mid-run", () => {
  it("takes its run's process with it; the run is Crashed within 3 heartbeats, retried by another worker, and completed tasks are not rerun", async () => {
    const { client, dir, worker, waitForRun, track } = harness();
    const env = { ORDO_HEARTBEAT_SECONDS: String(HEARTBEAT_SECONDS) };
    const heartbeat = ["--heartbeat-seconds", String(HEARTBEAT_SECONDS)];
    await client.orchestration.createWorkPool({ name: "local", type: "process" });
    await client.orchestration.createDeployment({
      flowName: "worker-resumable",
      name: "crash",
      entrypoint: `${FLOWS}:resumable`,
      path: REPO_ROOT,
      workPoolName: "local",
      retries: 1,
    });
    const first = await worker("local", ["--name", "w1", ...heartbeat], env);
    const logFile = join(dir, "steps.log");
    const markerFile = join(dir, "holding");
    const created = await client.orchestration.createDeploymentFlowRun("worker-resumable/crash", {
      parameters: { logFile, markerFile, steps: 4, holdAfter: 2 },
    });

    // The run holds after two tasks, both recorded as Completed.
    await eventually("the run to hold after 2 tasks", async () => {
      if (!existsSync(markerFile)) return undefined;
      const tasks = await client.readTaskRuns({ flowRunId: created.id });
      return tasks.filter((t) => t.state.type === "COMPLETED").length >= 2 ? true : undefined;
    });
    const childPid = Number(readFileSync(markerFile, "utf8"));
    track(childPid);
    expect((await client.readFlowRun(created.id)).pid).toBe(childPid);

    const killedAt = Date.now();
    first.child.kill("SIGKILL");
    await first.exited;
    await eventually(
      "the run's process to exit with its worker",
      () => (alive(childPid) ? undefined : true),
      3000,
    );

    await waitForRun(
      created.id,
      (r) => r.state.name === "AwaitingRetry",
      3 * HEARTBEAT_SECONDS * 1000 + 2000,
    );
    const states = await client.readFlowRunStates(created.id);
    const crashed = states.find((s) => s.name === "Crashed");
    expect(crashed).toBeDefined();
    expect(crashed!.timestamp - killedAt).toBeLessThanOrEqual(3 * HEARTBEAT_SECONDS * 1000);

    await worker("local", ["--name", "w2", ...heartbeat], env);
    const done = await waitForRun(created.id, (r) => r.state.type === "COMPLETED");
    expect(done.workerName).toBe("w2");
    const lines = readFileSync(logFile, "utf8").split("\n").filter(Boolean);
    expect(lines).toEqual(["0", "1", "2", "3"]);
  });
});
