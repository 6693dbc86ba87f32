import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { alive, eventually, useWorkerHarness } from "./harness.js";

const harness = useWorkerHarness();

describe("serve", () => {
  it("registers its deployment, runs a triggered run in its warm child, and stops on SIGTERM", async () => {
    const { client, dir, script, waitForRun } = harness();
    const served = script("test/fixtures/worker/serve-stamp.ts");
    const [, deploymentId] = await served.waitFor(/ready (\S+)/);
    const deployment = await client.orchestration.readDeployment("worker-stamp/served");
    expect(deployment.id).toBe(deploymentId);
    expect(deployment.workPoolName).toBeUndefined();
    expect(served.output()).toContain("[serve] serving deployment 'worker-stamp/served'\n");
    expect(served.output()).toContain(
      "[serve] trigger a run with: ordo deployment run 'worker-stamp/served'",
    );

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

  it("starts a run in its waiting warm child within the claim: the child's pid is recorded, and the run starts once", async () => {
    const { client, dir, script, waitForRun } = harness();
    const served = script("test/fixtures/worker/serve-stamp.ts");
    await served.waitFor(/ready (\S+)/);
    const file = join(dir, "stamps");
    // The warm child loads first (and the next one after each run): runs one after another,
    // each waiting longer, until one finds it waiting.
    let pause = 0;
    const started = await eventually(
      "a run started in the waiting warm child",
      async () => {
        const created = await client.orchestration.createDeploymentFlowRun("worker-stamp/served", {
          parameters: { file, tag: "t" },
        });
        const run = await waitForRun(created.id, (r) => r.state.type === "COMPLETED");
        const line = new RegExp(`\\(${run.id}\\), started by the claim in its warm child \\(pid (\\d+)\\)`);
        const match = served.output().match(line);
        if (match === null) {
          pause += 1000;
          await new Promise((done) => setTimeout(done, pause));
          return undefined;
        }
        return { run, pid: Number(match[1]) };
      },
      100_000,
    );
    expect(started.run.pid).toBe(started.pid);
    expect(started.pid).not.toBe(served.child.pid);
    expect((await client.readFlowRunStates(started.run.id)).map((s) => s.name)).toEqual([
      "Scheduled",
      "InfrastructurePending",
      "Pending",
      "Running",
      "Completed",
    ]);
    // The warm child ran this one run and exited.
    await eventually("the run's process to exit", () => (alive(started.pid) ? undefined : true));

    served.child.kill("SIGTERM");
    expect((await served.exited).code).toBe(0);
  }, 120_000);

  it("pauses its deployments when it stops, deleting their future runs, and serving again resumes them", async () => {
    const { client, dir, script } = harness();
    const env = { SERVE_INTERVAL_SECONDS: "3600", SERVE_STAMP_FILE: join(dir, "stamps") };
    const scheduledRuns = async (deploymentId: string) =>
      client.readFlowRuns({ deploymentIds: [deploymentId], stateTypes: ["SCHEDULED"] });

    const first = script("test/fixtures/worker/serve-stamp.ts", env);
    const [, deploymentId] = await first.waitFor(/ready (\S+)/);
    expect((await scheduledRuns(deploymentId!)).length).toBeGreaterThanOrEqual(3);
    first.child.kill("SIGTERM");
    expect((await first.exited).code).toBe(0);
    expect(first.output()).toContain(
      "[serve] paused deployment 'worker-stamp/served' (serving it again resumes it)",
    );
    const paused = await client.orchestration.readDeployment("worker-stamp/served");
    expect(paused.paused).toBe(true);
    expect(paused.status).toBe("PAUSED");
    // No run is left for a schedule no one serves: none goes Late.
    expect(await scheduledRuns(deploymentId!)).toEqual([]);

    const second = script("test/fixtures/worker/serve-stamp.ts", env);
    await second.waitFor(/ready (\S+)/);
    expect((await client.orchestration.readDeployment("worker-stamp/served")).paused).toBe(false);
    expect((await scheduledRuns(deploymentId!)).length).toBeGreaterThanOrEqual(3);
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  }, 60_000);

  it("stops in bounded time when the server is gone, saying it could not pause its deployments", async () => {
    const { dir, script, server } = harness();
    const served = script("test/fixtures/worker/serve-stamp.ts", {
      SERVE_INTERVAL_SECONDS: "3600",
      SERVE_STAMP_FILE: join(dir, "stamps"),
    });
    await served.waitFor(/ready (\S+)/);
    await server.stop(1000);
    const stoppedAt = Date.now();
    served.child.kill("SIGTERM");
    expect((await served.exited).code).toBe(0);
    // At most 5 s of attempts to pause (the wait between attempts ends with them), not the
    // 5 minutes an ordinary request keeps trying an unreachable server; margin for a busy machine.
    expect(Date.now() - stoppedAt).toBeLessThan(20_000);
    expect(served.output()).toContain("[serve] could not pause deployment 'worker-stamp/served'");
  }, 60_000);

  it("keeps its deployments unpaused when it stops with pauseOnShutdown: false", async () => {
    const { client, dir, script } = harness();
    const served = script("test/fixtures/worker/serve-stamp.ts", {
      SERVE_INTERVAL_SECONDS: "3600",
      SERVE_STAMP_FILE: join(dir, "stamps"),
      SERVE_PAUSE_ON_SHUTDOWN: "false",
    });
    const [, deploymentId] = await served.waitFor(/ready (\S+)/);
    served.child.kill("SIGTERM");
    expect((await served.exited).code).toBe(0);
    expect(served.output()).not.toContain("[serve] paused deployment");
    expect((await client.orchestration.readDeployment("worker-stamp/served")).paused).toBe(false);
    const runs = await client.readFlowRuns({ deploymentIds: [deploymentId!], stateTypes: ["SCHEDULED"] });
    expect(runs.length).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
