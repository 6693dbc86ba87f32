import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../helpers/ordo-cli.js";
import { FLOWS, useWorkerHarness } from "./harness.js";

const harness = useWorkerHarness();

describe("a scheduled run and prefetch", () => {
  it("with a warm child, a run scheduled 2 s ahead is claimed early and is Running within 500 ms after its time, never before", async () => {
    const { client, dir, worker, waitForRun } = harness();
    await client.orchestration.createWorkPool({ name: "local", type: "process" });
    await client.orchestration.createDeployment({
      flowName: "worker-stamp",
      name: "scheduled",
      entrypoint: `${FLOWS}:stamp`,
      path: REPO_ROOT,
      workPoolName: "local",
    });
    await worker("local", ["--prefetch-seconds", "10"]);
    // A first run leaves the worker a warm child for the entrypoint, as in steady state.
    const first = await client.orchestration.createDeploymentFlowRun("worker-stamp/scheduled", {
      parameters: { file: join(dir, "stamps") },
    });
    await waitForRun(first.id, (r) => r.state.type === "COMPLETED");
    const scheduledTime = Date.now() + 2000;
    const created = await client.orchestration.createDeploymentFlowRun("worker-stamp/scheduled", {
      parameters: { file: join(dir, "stamps") },
      scheduledTime,
    });
    await waitForRun(created.id, (r) => r.state.type === "COMPLETED");
    const states = await client.readFlowRunStates(created.id);
    const claimed = states.find((s) => s.name === "InfrastructurePending")!;
    const running = states.find((s) => s.name === "Running")!;
    expect(claimed.timestamp).toBeLessThan(scheduledTime - 1000);
    const lateness = running.timestamp - scheduledTime;
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(500);
  });
});
