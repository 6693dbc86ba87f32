/**
 * Starting a claimed run in one call, on SQLite and PostgreSQL: the process that takes
 * the run gets Pending (with its host and pid) then Running, each a state-history row
 * decided by the flow-run rules; a retried call writes nothing; a run cancelled or
 * taken meanwhile is not started. And a claim whose claimer went away gives its runs
 * back.
 */
import { describe, expect, it } from "vitest";
import * as api from "../../../src/api/index.js";
import type { Store } from "../../../src/store/index.js";
import { storeBackends, withStore } from "../../helpers/store-backends.js";

const backends = storeBackends("start");
const child = { host: "worker-host", pid: 4242 };

/** A Scheduled run of deployment `f/d` in pool `pool`. */
async function deploymentRun(store: Store): Promise<{ id: string }> {
  await api.createWorkPool(store, { name: "pool" });
  const deployment = await api.createDeployment(store, {
    flowName: "f",
    name: "d",
    entrypoint: "flows/f.ts:f",
    workPoolName: "pool",
  });
  return api.createDeploymentFlowRun(store, deployment.id);
}

/** A deployment run of pool `pool`, claimed by worker `w1` (InfrastructurePending). */
async function claimedRun(store: Store): Promise<string> {
  const run = await deploymentRun(store);
  const [claimed] = await api.claimWorkPoolRuns(store, "pool", { workerName: "w1" });
  expect(claimed?.flowRun.id).toBe(run.id);
  return run.id;
}

async function stateNames(store: Store, id: string): Promise<string[]> {
  return (await api.readFlowRunStates(store, id)).map((s) => s.name);
}

describe.each(backends)("starting a flow run on %s", (_name, open) => {
  it("moves a claimed run Pending (recording its process) then Running, in one call", async () => {
    await withStore(open, async (store) => {
      const id = await claimedRun(store);

      const started = await api.startFlowRun(store, id, { process: child, idempotencyKey: "k1" });

      expect(started).toMatchObject({ status: "ACCEPT", state: { type: "RUNNING", name: "Running" } });
      expect(started.runCount).toBe(1);
      expect(await stateNames(store, id)).toEqual([
        "Scheduled",
        "InfrastructurePending",
        "Pending",
        "Running",
      ]);
      const run = await api.readFlowRun(store, id);
      expect([run.host, run.pid]).toEqual([child.host, child.pid]);
      expect(run.startTime).toBeDefined();
    });
  });

  it("answers a repeated call with the same idempotency key ACCEPT, without writing again", async () => {
    await withStore(open, async (store) => {
      const id = await claimedRun(store);
      await api.startFlowRun(store, id, { process: child, idempotencyKey: "k1" });

      const again = await api.startFlowRun(store, id, { process: child, idempotencyKey: "k1" });

      expect(again).toMatchObject({ status: "ACCEPT", state: { type: "RUNNING" }, runCount: 1 });
      expect(await stateNames(store, id)).toHaveLength(4);
    });
  });

  it("refuses a second process: the run is already Running", async () => {
    await withStore(open, async (store) => {
      const id = await claimedRun(store);
      await api.startFlowRun(store, id, { process: child, idempotencyKey: "k1" });

      const second = await api.startFlowRun(store, id, {
        process: { host: "other", pid: 7 },
        idempotencyKey: "k2",
      });

      expect(second).toMatchObject({ status: "REJECT", state: { type: "RUNNING" } });
      const run = await api.readFlowRun(store, id);
      expect([run.host, run.pid]).toEqual([child.host, child.pid]);
    });
  });

  it("does not start a run cancelled after its claim (Cancelling)", async () => {
    await withStore(open, async (store) => {
      const id = await claimedRun(store);
      expect((await api.cancelFlowRun(store, id)).state.name).toBe("Cancelling");

      const started = await api.startFlowRun(store, id, { process: child });

      expect(started).toMatchObject({ status: "REJECT", state: { name: "Cancelling" } });
      expect(await stateNames(store, id)).toEqual(["Scheduled", "InfrastructurePending", "Cancelling"]);
    });
  });

  it("lets a Scheduled run due later wait (WAIT), and leaves it Scheduled", async () => {
    await withStore(open, async (store) => {
      const run = await api.createFlowRun(store, {
        flowName: "f",
        name: "later",
        state: {
          type: "SCHEDULED",
          name: "Scheduled",
          timestamp: Date.now(),
          scheduledTime: Date.now() + 60_000,
        },
      });

      const started = await api.startFlowRun(store, run.id, { process: child });

      expect(started.status).toBe("WAIT");
      expect(started.delayMs).toBeGreaterThan(50_000);
      expect((await api.readFlowRun(store, run.id)).state.name).toBe("Scheduled");
    });
  });

  it("refuses an invalid process with ORDO_INVALID_INPUT, and an unknown run with ORDO_NOT_FOUND", async () => {
    await withStore(open, async (store) => {
      const id = await claimedRun(store);
      await expect(api.startFlowRun(store, id, { process: { host: "", pid: 0 } })).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
      });
      await expect(
        api.startFlowRun(store, "00000000-0000-7000-8000-000000000000", { process: child }),
      ).rejects.toMatchObject({ code: "ORDO_NOT_FOUND" });
    });
  });
});

describe.each(backends)("an aborted claim on %s", (_name, open) => {
  it("answers no runs and puts the runs it claimed back in their queue, Scheduled", async () => {
    await withStore(open, async (store) => {
      const run = await deploymentRun(store);
      const gone = new AbortController();
      gone.abort();

      const claimed = await api.claimWorkPoolRuns(store, "pool", { workerName: "w1" }, gone.signal);

      expect(claimed).toEqual([]);
      expect((await api.readFlowRun(store, run.id)).state.name).toBe("Scheduled");
      const [again] = await api.claimWorkPoolRuns(store, "pool", { workerName: "w2" });
      expect(again?.flowRun.id).toBe(run.id);
    });
  });
});
