import { describe, expect, it } from "vitest";
import { HttpClient } from "../../../src/client/http-client.js";
import { REPO_ROOT } from "../../helpers/ordo-cli.js";
import { FLOWS, useWorkerHarness } from "./harness.js";

const harness = useWorkerHarness();

async function deployQuick(client: HttpClient, pool: string): Promise<void> {
  await client.orchestration.createWorkPool({ name: pool, type: "process" });
  await client.orchestration.createDeployment({
    flowName: "worker-quick",
    name: "race",
    entrypoint: `${FLOWS}:quick`,
    path: REPO_ROOT,
    workPoolName: pool,
  });
}

async function createRuns(client: HttpClient, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, (_, j) =>
      client.orchestration.createDeploymentFlowRun("worker-quick/race", { parameters: { i: i + j } }),
    );
    ids.push(...(await Promise.all(batch)).map((run) => run.id));
  }
  return ids;
}

describe("claims racing for the same runs", () => {
  it("3 concurrent claimers over 500 runs claim each run exactly once", async () => {
    const { client, server } = harness();
    await deployQuick(client, "race");
    const ids = await createRuns(client, 500);
    const claimers = ["c1", "c2", "c3"].map((name) => ({
      name,
      client: HttpClient.open({ apiUrl: server.apiUrl }),
    }));
    try {
      const claimed = await Promise.all(
        claimers.map(async ({ name, client: own }) => {
          const mine: string[] = [];
          for (;;) {
            const runs = await own.orchestration.claimWorkPoolRuns("race", {
              workerName: name,
              limit: 10,
              prefetchSeconds: 0,
            });
            if (runs.length === 0) return mine;
            mine.push(...runs.map((r) => r.flowRun.id));
          }
        }),
      );
      const all = claimed.flat();
      expect(all).toHaveLength(500);
      expect(new Set(all)).toEqual(new Set(ids));
      // Every claimer got some: the claims really did race.
      for (const mine of claimed) expect(mine.length).toBeGreaterThan(0);
    } finally {
      await Promise.all(claimers.map((c) => c.client.close()));
    }
  });

  it("2 worker processes over 12 runs complete each run once, with one Running in its history", async () => {
    const { client, worker, waitForRun } = harness();
    await deployQuick(client, "race");
    await Promise.all([worker("race", ["--name", "w1"]), worker("race", ["--name", "w2"])]);
    const ids = await createRuns(client, 12);
    for (const id of ids) await waitForRun(id, (r) => r.state.type === "COMPLETED", 40_000);
    for (const id of ids) {
      const names = (await client.readFlowRunStates(id)).map((s) => s.name);
      expect(names.filter((n) => n === "Running")).toHaveLength(1);
      expect(names.filter((n) => n === "InfrastructurePending")).toHaveLength(1);
    }
  }, 60_000);
});
