import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useWorkerHarness } from "./harness.js";

const harness = useWorkerHarness();

describe("serve", () => {
  it("registers its deployment, runs a triggered run in its warm child, and stops on SIGTERM", async () => {
    const { client, dir, script, waitForRun } = harness();
    const served = script("test/fixtures/worker/serve-stamp.ts");
    const [, deploymentId] = await served.waitFor(/ready (\S+)/);
    const deployment = await client.orchestration.readDeployment("worker-stamp/served");
    expect(deployment.id).toBe(deploymentId);
    expect(deployment.workPoolName).toBeUndefined();

    const file = join(dir, "stamps");
    const created = await client.orchestration.createDeploymentFlowRun("worker-stamp/served", {
      parameters: { file, tag: "first" },
    });
    await waitForRun(created.id, (r) => r.state.type === "COMPLETED");
    expect(readFileSync(file, "utf8")).toMatch(/^first \d+\n$/);
    expect((await client.readFlowRunStates(created.id)).map((s) => s.name)).toEqual([
      "Scheduled",
      "InfrastructurePending",
      "Pending",
      "Running",
      "Completed",
    ]);

    served.child.kill("SIGTERM");
    expect((await served.exited).code).toBe(0);
    expect(served.output()).toMatch(/\[serve\] stopping/);
  });
});
