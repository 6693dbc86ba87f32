/**
 * `ordo flow-run retry` of a deployment's run: the run goes back to its work queue and a
 * worker runs it again, reusing its completed tasks, while the command follows it to its
 * end; `--local` runs it in the command's own process instead.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../helpers/ordo-cli.js";
import { FLOWS, useWorkerHarness, type WorkerHarness } from "./harness.js";

const harness = useWorkerHarness();

/** A deployment of `failsOnce` on pool `local`, and one of its runs, Failed by a worker. */
async function failedDeploymentRun(h: WorkerHarness) {
  await h.client.orchestration.createWorkPool({ name: "local", type: "process" });
  await h.client.orchestration.createDeployment({
    flowName: "worker-fails-once",
    name: "retry",
    entrypoint: `${FLOWS}:failsOnce`,
    path: REPO_ROOT,
    workPoolName: "local",
  });
  const logFile = join(h.dir, "steps.log");
  const created = await h.client.orchestration.createDeploymentFlowRun("worker-fails-once/retry", {
    parameters: { logFile, markerFile: join(h.dir, "failed-once") },
  });
  return { id: created.id, logFile, markerFile: join(h.dir, "failed-once") };
}

/** {@link failedDeploymentRun}, failed by a worker that then stopped: no worker polls the pool. */
async function failedWithWorkerGone(h: WorkerHarness) {
  const failed = await failedDeploymentRun(h);
  const worker = await h.worker("local", ["--name", "w1"]);
  await h.waitForRun(failed.id, (run) => run.state.type === "FAILED");
  worker.child.kill("SIGTERM");
  await worker.exited;
  return failed;
}

const stepsRun = (logFile: string) => readFileSync(logFile, "utf8").split("\n").filter(Boolean);

describe("ordo flow-run retry of a deployment's run", () => {
  it("sends the run back to its work pool, where a worker resumes it without rerunning completed tasks", async () => {
    const h = harness();
    const { id, logFile } = await failedDeploymentRun(h);
    await h.worker("local", ["--name", "w1", "--type", "process"]); // Prefect's --type, too
    await h.waitForRun(id, (run) => run.state.type === "FAILED");
    expect(stepsRun(logFile)).toEqual(["0", "1"]);

    const retry = h.ordo(["flow-run", "retry", id]);
    const { code } = await retry.exited;
    const output = retry.output();
    expect(output).toContain(`goes back to work pool 'local', which runs it again`);
    expect(output).toMatch(/AwaitingRetry: retried with ordo flow-run retry\n/);
    expect(output).toMatch(/InfrastructurePending: claimed by w1\n/);
    expect(output).toContain(`Flow run ${id} finished in state Completed`);
    expect(code).toBe(0);

    // Tasks 0 and 1 completed in the first attempt and were reused: only task 2 ran again.
    expect(stepsRun(logFile)).toEqual(["0", "1", "2"]);
    const run = await h.client.readFlowRun(id);
    expect(run.workerName).toBe("w1");
    const names = (await h.client.readFlowRunStates(id)).map((state) => state.name);
    expect(names.filter((name) => name === "InfrastructurePending")).toHaveLength(2);
  });

  it("says so when no worker polls the pool, and waits for one", async () => {
    const h = harness();
    const { id, markerFile } = await failedDeploymentRun(h);
    // No worker ever polled the pool: the run is failed by an operator instead.
    await h.client.setFlowRunState(
      id,
      { type: "FAILED", name: "Failed", timestamp: Date.now() },
      { force: true },
    );
    writeFileSync(markerFile, "no failure this time");

    const retry = h.ordo(["flow-run", "retry", id, "--json"]);
    await retry.waitFor(/note: no worker polls work pool 'local' now/);
    await h.waitForRun(id, (run) => run.state.name === "AwaitingRetry");
    await h.worker("local", ["--name", "w1"]);
    const { code } = await retry.exited;
    expect(code).toBe(0);
    const output = retry.output();
    const answer = JSON.parse(output.slice(output.indexOf("{\n"))) as unknown;
    expect(answer).toMatchObject({
      flowRunId: id,
      state: { type: "COMPLETED", name: "Completed" },
      result: 3,
    });
  });

  it("with --local, runs it again in the command's own process", async () => {
    const h = harness();
    const { id, logFile } = await failedWithWorkerGone(h);

    const retry = h.ordo(["flow-run", "retry", id, "--local"]);
    const { code } = await retry.exited;
    expect(retry.output()).toContain(`Flow run ${id} finished in state Completed`);
    expect(code).toBe(0);
    expect(stepsRun(logFile)).toEqual(["0", "1", "2"]);
    const names = (await h.client.readFlowRunStates(id)).map((state) => state.name);
    expect(names.filter((name) => name === "InfrastructurePending")).toHaveLength(1);
    expect(names.at(-2)).toBe("Retrying");
  });

  it("runs it again in the command's own process when its deployment was deleted, and says so", async () => {
    const h = harness();
    const { id, logFile } = await failedWithWorkerGone(h);
    await h.client.orchestration.deleteDeployment("worker-fails-once/retry");

    const retry = h.ordo(["flow-run", "retry", id]);
    const { code } = await retry.exited;
    expect(retry.output()).toContain("note: the run's deployment was deleted: it runs again in this process");
    expect(retry.output()).toContain(`Flow run ${id} finished in state Completed`);
    expect(code).toBe(0);
    expect(stepsRun(logFile)).toEqual(["0", "1", "2"]);
  });

  it("refuses a run that has not failed, and changes nothing", async () => {
    const h = harness();
    const { id } = await failedDeploymentRun(h);
    const before = await h.client.readFlowRunStates(id);
    const retry = h.ordo(["flow-run", "retry", id]);
    const { code } = await retry.exited;
    expect(code).toBe(1);
    expect(retry.output()).toContain(
      `flow run ${id} is Scheduled: only Failed, Crashed or Cancelled runs can be retried (ORDO_NOT_RETRYABLE)`,
    );
    expect(await h.client.readFlowRunStates(id)).toEqual(before);
  });
});
