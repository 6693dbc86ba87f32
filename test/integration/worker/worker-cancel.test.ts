import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../helpers/ordo-cli.js";
import { alive, eventually, FLOWS, useWorkerHarness } from "./harness.js";

const harness = useWorkerHarness();

describe("cancelling a running run", () => {
  it("`ordo flow-run cancel` ends it Cancelled within 5 s and kills its process and the process's own children, after the flow's onCancellation hooks", async () => {
    const { client, dir, worker, ordo, waitForRun, track } = harness();
    await client.orchestration.createWorkPool({ name: "local", type: "process" });
    await client.orchestration.createDeployment({
      flowName: "worker-sleeper",
      name: "cancel",
      entrypoint: `${FLOWS}:sleeper`,
      path: REPO_ROOT,
      workPoolName: "local",
    });
    await worker("local");
    const pidFile = join(dir, "pids");
    const created = await client.orchestration.createDeploymentFlowRun("worker-sleeper/cancel", {
      parameters: { pidFile },
    });
    const [childPid, sleepPid] = await eventually("the sleeper's pids", () =>
      existsSync(pidFile) && readFileSync(pidFile, "utf8").endsWith("\n")
        ? readFileSync(pidFile, "utf8").trim().split(" ").map(Number)
        : undefined,
    );
    track(childPid!);
    track(sleepPid!);
    expect(alive(childPid!) && alive(sleepPid!)).toBe(true);
    await waitForRun(created.id, (r) => r.state.type === "RUNNING");

    const cancelledAt = Date.now();
    const cancel = ordo(["flow-run", "cancel", created.id]);
    expect((await cancel.exited).code).toBe(0);
    expect(cancel.output()).toMatch(/is Cancelling/);
    await waitForRun(created.id, (r) => r.state.type === "CANCELLED", 5000);
    expect(Date.now() - cancelledAt).toBeLessThan(5000);
    await eventually(
      "both processes to be gone",
      () => (alive(childPid!) || alive(sleepPid!) ? undefined : true),
      1000,
    );
    // The run's process got SIGTERM first: it ended the run Cancelled and ran onCancellation.
    expect(readFileSync(`${pidFile}.hook`, "utf8")).toBe("Cancelled");
  });
});
