/**
 * `ordo flow-run inspect` of a deployment run names its deployment, schedule and work
 * queue (with their ids), and falls back to the ids once they are deleted.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbeddedClient } from "../../../src/client/embedded-client.js";
import { readFlowRunOrigin } from "../../../src/cli/flow-run-origin.js";
import { runOrdo } from "../../helpers/ordo-cli.js";

let home: string;
let client: EmbeddedClient;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ordo-cli-inspect-origin-"));
  client = await EmbeddedClient.open({ path: join(home, "ordo.db") });
  await client.orchestration.createWorkPool({ name: "local", type: "process" });
  await client.orchestration.createDeployment({
    flowName: "etl",
    name: "nightly",
    entrypoint: "flows/etl.ts:etl",
    path: home,
    workPoolName: "local",
    schedules: [{ cron: "0 3 * * *", timezone: "Europe/Berlin" }],
  });
});
afterEach(async () => {
  await client.close();
  await rm(home, { recursive: true, force: true });
});

describe("a deployment run's origin", () => {
  it("is shown by name next to the ids", async () => {
    const run = await client.orchestration.createDeploymentFlowRun("etl/nightly");
    const inspect = await runOrdo(["flow-run", "inspect", run.id], { ORDO_HOME: home });
    expect(inspect.stderr).toBe("");
    expect(inspect.stdout).toMatch(new RegExp(`^deployment: +etl/nightly \\(${run.deploymentId}\\)$`, "m"));
    expect(inspect.stdout).toMatch(new RegExp(`^work queue: +local/default \\(${run.workQueueId}\\)$`, "m"));
  });

  it("names the schedule a scheduled run came from", async () => {
    const run = await client.orchestration.createDeploymentFlowRun("etl/nightly");
    const deployment = await client.orchestration.readDeployment("etl/nightly");
    const scheduleId = deployment.schedules[0]!.id;
    const origin = await readFlowRunOrigin(client, { ...run, scheduleId });
    expect(origin).toEqual({
      deployment: "etl/nightly",
      schedule: "at 03:00 every day (Europe/Berlin)",
      workQueue: "local/default",
    });
  });

  it("falls back to the ids once the deployment is deleted, and is empty for a run without one", async () => {
    const run = await client.orchestration.createDeploymentFlowRun("etl/nightly");
    await client.orchestration.deleteDeployment("etl/nightly");
    expect(await readFlowRunOrigin(client, run)).toEqual({});
    const inspect = await runOrdo(["flow-run", "inspect", run.id], { ORDO_HOME: home });
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(new RegExp(`^deployment: +${run.deploymentId}$`, "m"));

    const plain = await client.createFlowRun({ flowName: "etl", name: "by-hand" });
    expect(await readFlowRunOrigin(client, plain)).toEqual({});
  });
});
