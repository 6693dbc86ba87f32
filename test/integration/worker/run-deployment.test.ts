/**
 * `runDeployment` from inside a flow, as a user calls it: a flow run on a worker starts
 * another deployment's run as its subflow, through the HTTP API, and waits for it (or
 * not); `readFlowRunState` gives back the child's value.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../helpers/ordo-cli.js";
import { FLOWS, useWorkerHarness } from "./harness.js";

const harness = useWorkerHarness();

interface Answer {
  readonly id?: string;
  readonly state?: string;
  readonly parentFlowRunId?: string;
  readonly value?: unknown;
  readonly error?: string;
}

/** Deploys the `hello` fixture (with a parameter schema) and the caller to pool `local`. */
async function deployBoth(): Promise<void> {
  const { client } = harness();
  await client.orchestration.createWorkPool({ name: "local", type: "process" });
  await client.orchestration.createDeployment({
    flowName: "worker-hello",
    name: "child",
    entrypoint: `${FLOWS}:hello`,
    path: REPO_ROOT,
    workPoolName: "local",
    parameterSchema: { type: "object", properties: { name: { type: "string" } } },
  });
  await client.orchestration.createDeployment({
    flowName: "worker-calls-deployment",
    name: "parent",
    entrypoint: `${FLOWS}:callsDeployment`,
    path: REPO_ROOT,
    workPoolName: "local",
  });
}

/** Runs the caller on the worker with `parameters` and answers what it wrote, and its run's id. */
async function callFromFlow(
  parameters: Record<string, unknown>,
): Promise<{ answer: Answer; parentId: string }> {
  const { client, dir, waitForRun } = harness();
  const file = join(dir, `answer-${Math.random().toString(36).slice(2)}.json`);
  const parent = await client.orchestration.createDeploymentFlowRun("worker-calls-deployment/parent", {
    parameters: { ...parameters, file },
  });
  await waitForRun(parent.id, (run) => run.state.type === "COMPLETED", 30_000);
  return { answer: JSON.parse(readFileSync(file, "utf8")) as Answer, parentId: parent.id };
}

describe("runDeployment", () => {
  it("runs the deployment as a subflow of the calling run, waits for it, and gives back its value", async () => {
    const { client, worker } = harness();
    await deployBoth();
    await worker("local", ["--limit", "2"]);
    const { answer, parentId } = await callFromFlow({
      deployment: "worker-hello/child",
      parameters: { name: "Ada" },
      timeoutSeconds: 60,
    });
    expect(answer).toMatchObject({ state: "Completed", parentFlowRunId: parentId, value: "ADA" });
    const child = await client.readFlowRun(answer.id!);
    expect(child.parentFlowRunId).toBe(parentId);
    expect(child.parameters).toEqual({ name: "Ada" });
    const deployment = await client.orchestration.readDeployment("worker-hello/child");
    expect(child.deploymentId).toBe(deployment.id);
  });

  it("answers at once with timeoutSeconds 0, and the run is Scheduled until a worker takes it", async () => {
    const { client, worker, waitForRun } = harness();
    await deployBoth();
    await worker("local", ["--limit", "1"]);
    const { answer } = await callFromFlow({ deployment: "worker-hello/child", timeoutSeconds: 0 });
    expect(answer).toMatchObject({ state: "Scheduled", value: null });
    // The caller has ended; the worker's one slot now takes the child.
    const child = await waitForRun(answer.id!, (run) => run.state.type === "COMPLETED");
    expect((await client.readFlowRunStates(child.id)).map((s) => s.name)[0]).toBe("Scheduled");
  });

  it("gives the run its own job variables, and refuses ones the pool's template refuses", async () => {
    const { client, worker } = harness();
    await deployBoth();
    await worker("local", ["--limit", "2"]);
    const { answer } = await callFromFlow({
      deployment: "worker-hello/child",
      timeoutSeconds: 0,
      jobVariables: { env: { MODE: "fast" } },
    });
    expect((await client.readFlowRun(answer.id!)).jobVariables).toEqual({ env: { MODE: "fast" } });
    const refused = await callFromFlow({ deployment: "worker-hello/child", jobVariables: { cpu: 2 } });
    expect(refused.answer).toEqual({ error: "ORDO_INVALID_INPUT" });
  });

  it("refuses parameters the deployment's schema refuses, and creates no run", async () => {
    const { client, worker } = harness();
    await deployBoth();
    await worker("local");
    const { answer, parentId } = await callFromFlow({
      deployment: "worker-hello/child",
      parameters: { name: 42 },
    });
    expect(answer).toEqual({ error: "ORDO_INVALID_PARAMETERS" });
    const deployment = await client.orchestration.readDeployment("worker-hello/child");
    const runs = await client.readFlowRuns({ deploymentIds: [deployment.id] });
    expect(runs).toEqual([]);
    expect((await client.readFlowRun(parentId)).state.name).toBe("Completed");
  });

  it("throws ORDO_NOT_FOUND for a deployment that does not exist", async () => {
    const { worker } = harness();
    await deployBoth();
    await worker("local");
    const { answer } = await callFromFlow({ deployment: "worker-hello/nope" });
    expect(answer).toEqual({ error: "ORDO_NOT_FOUND" });
  });
});
