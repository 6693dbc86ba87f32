/**
 * A claim that starts runs in the claimer's waiting processes (warm children), on
 * SQLite and PostgreSQL: a due run that fits a waiting process is taken to Pending (with
 * that process) and Running within the claim, each process takes one run, and runs that
 * do not fit, or are due later, are only claimed.
 */
import { describe, expect, it } from "vitest";
import * as api from "../../../src/api/index.js";
import type { WaitingProcess } from "../../../src/schemas/index.js";
import type { Store } from "../../../src/store/index.js";
import { storeBackends, withStore } from "../../helpers/store-backends.js";

const backends = storeBackends("claim-start");

async function deploy(store: Store, name: string, entrypoint = "flows/f.ts:f") {
  return api.createDeployment(store, { flowName: "f", name, entrypoint, path: "/srv/app" });
}

/** A waiting process for runs of `entrypoint` in /srv/app with no job variables. */
function waiting(pid: number, entrypoint = "flows/f.ts:f"): WaitingProcess {
  return { host: "host-a", pid, entrypoint, path: "/srv/app", job: { env: {} } };
}

describe.each(backends)("a claim that starts runs in waiting processes, on %s", (_name, open) => {
  it("starts a due run in the waiting process that fits it: Pending with that process, then Running", async () => {
    await withStore(open, async (store) => {
      const d = await deploy(store, "d");
      const created = await api.createDeploymentFlowRun(store, d.id);
      const [claimed] = await api.claimDeploymentRuns(store, {
        deploymentIds: [d.id],
        workerName: "serve-1",
        startIn: [waiting(4242)],
      });
      expect(claimed?.flowRun).toMatchObject({
        id: created.id,
        host: "host-a",
        pid: 4242,
        runCount: 1,
        state: { type: "RUNNING", name: "Running" },
      });
      const names = (await api.readFlowRunStates(store, created.id)).map((s) => s.name);
      expect(names).toEqual(["Scheduled", "InfrastructurePending", "Pending", "Running"]);
    });
  });

  it("starts at most one run in each waiting process; the others are only claimed", async () => {
    await withStore(open, async (store) => {
      const d = await deploy(store, "d");
      await api.createDeploymentFlowRun(store, d.id);
      await api.createDeploymentFlowRun(store, d.id);
      const claimed = await api.claimDeploymentRuns(store, {
        deploymentIds: [d.id],
        workerName: "serve-1",
        startIn: [waiting(4242)],
      });
      expect(claimed.map((c) => c.flowRun.state.name).sort()).toEqual(["InfrastructurePending", "Running"]);
      const onlyClaimed = claimed.find((c) => c.flowRun.state.name === "InfrastructurePending");
      expect(onlyClaimed?.flowRun.pid).toBeUndefined();
    });
  });

  it("only claims a run whose entrypoint, path or job differs from every waiting process's", async () => {
    await withStore(open, async (store) => {
      const d = await deploy(store, "d");
      const other = await api.createDeployment(store, {
        flowName: "f",
        name: "with-env",
        entrypoint: "flows/f.ts:f",
        path: "/srv/app",
        jobVariables: { env: { MODE: "x" } },
      });
      await api.createDeploymentFlowRun(store, d.id);
      await api.createDeploymentFlowRun(store, other.id);
      const claimed = await api.claimDeploymentRuns(store, {
        deploymentIds: [d.id, other.id],
        workerName: "serve-1",
        startIn: [waiting(1, "flows/g.ts:g"), { ...waiting(2), path: "/elsewhere" }],
      });
      expect(claimed.map((c) => c.flowRun.state.name)).toEqual([
        "InfrastructurePending",
        "InfrastructurePending",
      ]);
      const fitting = await api.createDeploymentFlowRun(store, other.id);
      const [started] = await api.claimDeploymentRuns(store, {
        deploymentIds: [other.id],
        workerName: "serve-1",
        startIn: [{ ...waiting(3), job: { env: { MODE: "x" } } }],
      });
      expect(started?.flowRun).toMatchObject({ id: fitting.id, pid: 3, state: { name: "Running" } });
    });
  });

  it("does not start a run due later: its process starts it at its time", async () => {
    await withStore(open, async (store) => {
      const d = await deploy(store, "d");
      await api.createDeploymentFlowRun(store, d.id, { scheduledTime: Date.now() + 5_000 });
      const [claimed] = await api.claimDeploymentRuns(store, {
        deploymentIds: [d.id],
        workerName: "serve-1",
        prefetchSeconds: 10,
        startIn: [waiting(4242)],
      });
      expect(claimed?.flowRun.state.name).toBe("InfrastructurePending");
      expect(claimed?.flowRun.pid).toBeUndefined();
    });
  });

  it("starts nothing for a claimer that went away, and puts the run back in the queue", async () => {
    await withStore(open, async (store) => {
      const d = await deploy(store, "d");
      const created = await api.createDeploymentFlowRun(store, d.id);
      const gone = new AbortController();
      gone.abort();
      const claim = { deploymentIds: [d.id], workerName: "serve-1", startIn: [waiting(4242)] };

      expect(await api.claimDeploymentRuns(store, claim, gone.signal)).toEqual([]);

      expect((await api.readFlowRun(store, created.id)).state.type).toBe("SCHEDULED");
      const [again] = await api.claimDeploymentRuns(store, { ...claim, startIn: [waiting(5151)] });
      expect(again?.flowRun).toMatchObject({ id: created.id, pid: 5151, state: { name: "Running" } });
    });
  });

  it("starts runs of a work pool in a waiting process the same way", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "pool" });
      const d = await api.createDeployment(store, {
        flowName: "f",
        name: "pooled",
        entrypoint: "flows/f.ts:f",
        path: "/srv/app",
        workPoolName: "pool",
      });
      const created = await api.createDeploymentFlowRun(store, d.id);
      const [claimed] = await api.claimWorkPoolRuns(store, "pool", {
        workerName: "w1",
        startIn: [waiting(77)],
      });
      expect(claimed?.flowRun).toMatchObject({ id: created.id, pid: 77, state: { name: "Running" } });
    });
  });
});
