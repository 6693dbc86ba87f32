import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROCESS_JOB_TEMPLATE } from "../../../src/schemas/process-job-template.js";
import { REPO_ROOT } from "../../helpers/ordo-cli.js";
import { eventually, FLOWS, useWorkerHarness } from "./harness.js";

const harness = useWorkerHarness();

describe("a worker runs a deployment's run", () => {
  it("moves it InfrastructurePending → Pending → Running → Completed, records its prints, and shows ONLINE in a READY pool", async () => {
    const { client, dir, worker, waitForRun } = harness();
    await client.orchestration.createWorkPool({ name: "local", type: "process" });
    await client.orchestration.createDeployment({
      flowName: "worker-hello",
      name: "e2e",
      entrypoint: `${FLOWS}:hello`,
      path: REPO_ROOT,
      workPoolName: "local",
    });
    await worker("local", ["--name", "w1"]);

    const created = await client.orchestration.createDeploymentFlowRun("worker-hello/e2e", {
      parameters: { name: "Ada" },
    });
    const run = await waitForRun(created.id, (r) => r.state.type === "COMPLETED");

    const names = (await client.readFlowRunStates(run.id)).map((s) => s.name);
    expect(names).toEqual(["Scheduled", "InfrastructurePending", "Pending", "Running", "Completed"]);
    const logs = await eventually("the run's printed line in its logs", async () => {
      const lines = await client.readLogs({ flowRunId: run.id });
      return lines.some((l) => l.message === "hello from the flow, Ada") ? lines : undefined;
    });
    expect(logs.find((l) => l.message === "hello from the flow, Ada")?.name).toBe("stdout");
    const workers = await client.orchestration.readWorkers("local");
    expect(workers.map((w) => [w.name, w.status])).toEqual([["w1", "ONLINE"]]);
    expect((await client.orchestration.readWorkPool("local")).status).toBe("READY");
    // The run's process imported the flow file compiled ahead (no loader thread).
    const cache = join(dir, "cache", "flows");
    const manifests = readdirSync(cache).map(
      (key) =>
        JSON.parse(readFileSync(join(cache, key, "manifest.json"), "utf8")) as { output: string | null },
    );
    expect(manifests.map((m) => m.output)).toEqual([expect.stringMatching(/\.mjs$/)]);
  });

  it("with --run-once, runs the runs due now to their end and exits 0, leaving later runs and showing OFFLINE", async () => {
    const { client, ordo, waitForRun } = harness();
    await client.orchestration.createWorkPool({ name: "once", type: "process" });
    await client.orchestration.createDeployment({
      flowName: "worker-quick",
      name: "once",
      entrypoint: `${FLOWS}:quick`,
      path: REPO_ROOT,
      workPoolName: "once",
    });
    const due = await Promise.all(
      [1, 2].map((i) =>
        client.orchestration.createDeploymentFlowRun("worker-quick/once", { parameters: { i } }),
      ),
    );
    const later = await client.orchestration.createDeploymentFlowRun("worker-quick/once", {
      scheduledTime: Date.now() + 3_600_000,
    });

    const worker = ordo(["worker", "start", "--pool", "once", "--name", "w-once", "--run-once"]);
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.output()).toContain("[worker] ran 2 run(s) once: stopping");
    for (const run of due) {
      expect((await waitForRun(run.id, () => true, 1_000)).state.type).toBe("COMPLETED");
    }
    expect((await client.readFlowRun(later.id)).state.name).toBe("Scheduled");
    expect((await client.orchestration.readWorkers("once")).map((w) => [w.name, w.status])).toEqual([
      ["w-once", "OFFLINE"],
    ]);

    // Nothing due: it exits at once.
    const idle = ordo(["worker", "start", "--pool", "once", "--run-once"]);
    expect(await idle.exited).toEqual({ code: 0, signal: null });
    expect(idle.output()).toContain("[worker] ran 0 run(s) once: stopping");
  });

  it("starts a run with its pool's, its deployment's and its own environment, merged variable by variable", async () => {
    const { client, dir, worker, waitForRun } = harness();
    const variables = structuredClone(PROCESS_JOB_TEMPLATE.variables) as {
      properties: { env: { default: Record<string, string> } };
    };
    variables.properties.env.default = { REGION: "eu", MODE: "pool" };
    await client.orchestration.createWorkPool({
      name: "local",
      type: "process",
      baseJobTemplate: { variables },
    });
    await client.orchestration.createDeployment({
      flowName: "worker-env",
      name: "env",
      entrypoint: `${FLOWS}:envStamp`,
      path: REPO_ROOT,
      workPoolName: "local",
      jobVariables: { env: { MODE: "slow" } },
    });
    await worker("local");
    const plain = await client.orchestration.createDeploymentFlowRun("worker-env/env", {
      parameters: { file: join(dir, "plain.txt") },
    });
    const own = await client.orchestration.createDeploymentFlowRun("worker-env/env", {
      parameters: { file: join(dir, "own.txt") },
      jobVariables: { env: { MODE: "fast" } },
    });
    await waitForRun(plain.id, (r) => r.state.type === "COMPLETED");
    await waitForRun(own.id, (r) => r.state.type === "COMPLETED");
    expect(readFileSync(join(dir, "plain.txt"), "utf8")).toBe("MODE=slow REGION=eu\n");
    expect(readFileSync(join(dir, "own.txt"), "utf8")).toBe("MODE=fast REGION=eu\n");
  });

  it("crashes a run whose working directory does not exist, saying so, and goes on", async () => {
    const { client, dir, worker, waitForRun } = harness();
    await client.orchestration.createWorkPool({ name: "local", type: "process" });
    const missing = join(dir, "no-such-folder");
    await client.orchestration.createDeployment({
      flowName: "worker-hello",
      name: "nowhere",
      entrypoint: `${FLOWS}:hello`,
      path: REPO_ROOT,
      workPoolName: "local",
      jobVariables: { workingDir: missing },
    });
    const w = await worker("local");
    const created = await client.orchestration.createDeploymentFlowRun("worker-hello/nowhere", {
      parameters: { name: "Ada" },
    });
    const run = await waitForRun(created.id, (r) => r.state.type === "CRASHED");
    expect(run.state.message).toBe(
      `the run's process could not be started: its working directory ${missing} does not exist`,
    );
    expect(w.output()).toContain(`flow run ${created.id}: the run's process could not be started`);
    expect(w.child.exitCode).toBeNull();
  });
});
