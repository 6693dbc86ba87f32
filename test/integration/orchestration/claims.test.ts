/**
 * Claims, cancellation, late runs and deployment concurrency through the service layer,
 * on SQLite and PostgreSQL: concurrent claimers never take the same run; queues are
 * served by priority within their limits; a paused pool gives nothing; cancellation of a
 * run without a process is immediate and cascades to subflows; late and stale runs
 * follow their deployment's policy.
 */
import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import * as api from "../../../src/api/index.js";
import type { DeploymentCreate } from "../../../src/schemas/index.js";
import type { Store } from "../../../src/store/index.js";
import { storeBackends, withStore } from "../../helpers/store-backends.js";

const backends = storeBackends("claims");

async function deploy(store: Store, extra: Partial<DeploymentCreate> = {}) {
  return api.createDeployment(store, {
    flowName: "f",
    name: `d-${Math.random().toString(36).slice(2, 8)}`,
    entrypoint: "flows/f.ts:f",
    workPoolName: "pool",
    ...extra,
  });
}

/** A deployment without a pool whose late runs are cancelled once `seconds` late. */
async function expiring(store: Store, seconds: number) {
  return deploy(store, { workPoolName: undefined, stalePolicy: "EXPIRE", staleAfterSeconds: seconds });
}

describe.each(backends)("claims on %s", (_name, open) => {
  it("gives each of 120 runs to exactly one of three concurrent claimers, as InfrastructurePending", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "pool" });
      const d = await deploy(store);
      const created = await Promise.all(
        Array.from({ length: 120 }, () => api.createDeploymentFlowRun(store, d.id)),
      );
      const claimer = async (name: string) => {
        const mine: string[] = [];
        for (;;) {
          const got = await api.claimWorkPoolRuns(store, "pool", {
            workerName: name,
            limit: 7,
            prefetchSeconds: 0,
          });
          if (got.length === 0) return mine;
          mine.push(...got.map((c) => c.flowRun.id));
        }
      };
      const results = await Promise.all([claimer("w1"), claimer("w2"), claimer("w3")]);
      const all = results.flat();
      expect(all).toHaveLength(120);
      expect(new Set(all).size).toBe(120);
      expect(new Set(all)).toEqual(new Set(created.map((r) => r.id)));
      const run = await api.readFlowRun(store, all[0]!);
      expect(run.state).toMatchObject({ type: "PENDING", name: "InfrastructurePending" });
      expect(["w1", "w2", "w3"]).toContain(run.workerName);
    });
  });

  it("serves queues by priority, within queue and pool limits; a paused pool or queue gives nothing", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "pool", concurrencyLimit: 3 });
      await api.createWorkQueue(store, "pool", { name: "urgent", priority: 1, concurrencyLimit: 1 });
      await api.updateWorkQueue(store, "pool", "default", { priority: 5 });
      const low = await deploy(store);
      const high = await deploy(store, { workQueueName: "urgent" });
      for (let i = 0; i < 3; i++) await api.createDeploymentFlowRun(store, low.id);
      for (let i = 0; i < 3; i++) await api.createDeploymentFlowRun(store, high.id);
      await api.updateWorkPool(store, "pool", { paused: true });
      expect(await api.claimWorkPoolRuns(store, "pool", { workerName: "w" })).toEqual([]);
      await api.updateWorkPool(store, "pool", { paused: false });
      const first = await api.claimWorkPoolRuns(store, "pool", { workerName: "w", limit: 10 });
      // urgent first, but only one of it (its limit); then the default queue up to the pool's 3.
      expect(first.map((c) => c.flowRun.deploymentId)).toEqual([high.id, low.id, low.id]);
      expect(await api.claimWorkPoolRuns(store, "pool", { workerName: "w" })).toEqual([]);
      await api.updateWorkQueue(store, "pool", "urgent", { paused: true });
      await api.finishCancellation(store, first[0]!.flowRun.id);
      expect(
        (await api.claimWorkPoolRuns(store, "pool", { workerName: "w" })).map((c) => c.flowRun.deploymentId),
      ).toEqual([low.id]);
    });
  });

  it("gives a paused deployment's triggered run to workers and serve processes alike: a pause stops schedules, not runs", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "pool" });
      const pooled = await deploy(store);
      const served = await deploy(store, { workPoolName: undefined });
      for (const d of [pooled, served]) await api.setDeploymentPaused(store, d.id, true);
      const fromPool = await api.createDeploymentFlowRun(store, pooled.id);
      const fromServe = await api.createDeploymentFlowRun(store, served.id);
      const byWorker = await api.claimWorkPoolRuns(store, "pool", { workerName: "w" });
      expect(byWorker.map((c) => c.flowRun.id)).toEqual([fromPool.id]);
      const byServe = await api.claimDeploymentRuns(store, {
        deploymentIds: [served.id],
        workerName: "serve-1",
      });
      expect(byServe.map((c) => c.flowRun.id)).toEqual([fromServe.id]);
    });
  });

  it("serves a higher-priority queue's run first however many older runs wait in a lower one", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "pool" });
      await api.createWorkQueue(store, "pool", { name: "urgent", priority: 1 });
      await api.updateWorkQueue(store, "pool", "default", { priority: 5 });
      const low = await deploy(store);
      const high = await deploy(store, { workQueueName: "urgent" });
      const now = Date.now();
      for (let i = 0; i < 30; i++)
        await api.createDeploymentFlowRun(store, low.id, { scheduledTime: now - 60_000 + i });
      const urgent = await api.createDeploymentFlowRun(store, high.id);
      const claimed = await api.claimWorkPoolRuns(store, "pool", { workerName: "w", limit: 1 });
      expect(claimed.map((c) => c.flowRun.id)).toEqual([urgent.id]);
    });
  });

  it("claims other queues' and deployments' runs past a backlog held by a queue or deployment limit", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "pool" });
      await api.createWorkQueue(store, "pool", { name: "slow", priority: 1, concurrencyLimit: 1 });
      const slow = await deploy(store, { workQueueName: "slow" });
      const limited = await deploy(store, { concurrencyLimit: 1 });
      const free = await deploy(store);
      const now = Date.now();
      // One run of each held deployment is active, and 30 older ones wait behind each limit.
      for (const held of [slow, limited]) {
        for (let i = 0; i < 31; i++)
          await api.createDeploymentFlowRun(store, held.id, { scheduledTime: now - 60_000 + i });
      }
      const first = await api.claimWorkPoolRuns(store, "pool", { workerName: "w", limit: 2 });
      expect(first.map((c) => c.flowRun.deploymentId).sort()).toEqual([slow.id, limited.id].sort());
      const waiting = await api.createDeploymentFlowRun(store, free.id);
      for (let round = 0; round < 2; round++) {
        const next = await api.claimWorkPoolRuns(store, "pool", { workerName: "w", limit: 1 });
        expect(next.map((c) => c.flowRun.id)).toEqual(round === 0 ? [waiting.id] : []);
      }
    });
  });

  it("keeps pool, queue and deployment limits when claimers race", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "pool", concurrencyLimit: 2 });
      const d = await deploy(store, { concurrencyLimit: 1 });
      const other = await deploy(store);
      for (let i = 0; i < 5; i++) await api.createDeploymentFlowRun(store, d.id);
      for (let i = 0; i < 5; i++) await api.createDeploymentFlowRun(store, other.id);
      const results = await Promise.all(
        ["a", "b", "c", "d"].map((name) =>
          api.claimWorkPoolRuns(store, "pool", { workerName: name, limit: 5 }),
        ),
      );
      const claimed = results.flat().map((c) => c.flowRun.deploymentId);
      expect(claimed).toHaveLength(2);
      expect(claimed.filter((id) => id === d.id)).toHaveLength(1);
    });
  });

  it("claims runs due within the prefetch window only, and wakes a waiting claim when a run arrives", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "pool" });
      const d = await deploy(store);
      await api.createDeploymentFlowRun(store, d.id, { scheduledTime: Date.now() + 60_000 });
      expect(await api.claimWorkPoolRuns(store, "pool", { workerName: "w", prefetchSeconds: 5 })).toEqual([]);
      const started = Date.now();
      const waiting = api.claimWorkPoolRuns(store, "pool", {
        workerName: "w",
        prefetchSeconds: 5,
        waitSeconds: 10,
      });
      setTimeout(
        () => void api.createDeploymentFlowRun(store, d.id, { scheduledTime: Date.now() + 2000 }),
        200,
      );
      const got = await waiting;
      expect(got).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(got[0]!.flowRun.state.scheduledTime).toBeGreaterThan(Date.now());
    });
  });

  it("holds runs over a deployment's limit as AwaitingConcurrencySlot (ENQUEUE) or cancels them (CANCEL_NEW)", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "pool" });
      const enqueue = await deploy(store, { concurrencyLimit: 1 });
      const cancel = await deploy(store, { concurrencyLimit: 1, collisionStrategy: "CANCEL_NEW" });
      const e1 = await api.createDeploymentFlowRun(store, enqueue.id);
      const e2 = await api.createDeploymentFlowRun(store, enqueue.id);
      const c1 = await api.createDeploymentFlowRun(store, cancel.id);
      const c2 = await api.createDeploymentFlowRun(store, cancel.id);
      const claimed = await api.claimWorkPoolRuns(store, "pool", { workerName: "w", limit: 10 });
      expect(claimed.map((c) => c.flowRun.id).sort()).toEqual([e1.id, c1.id].sort());
      expect((await api.readFlowRun(store, e2.id)).state.name).toBe("AwaitingConcurrencySlot");
      expect((await api.readFlowRun(store, c2.id)).state).toMatchObject({ type: "CANCELLED" });
      await api.setFlowRunState(store, e1.id, { type: "RUNNING", name: "Running", timestamp: Date.now() });
      await api.setFlowRunState(store, e1.id, {
        type: "COMPLETED",
        name: "Completed",
        timestamp: Date.now(),
      });
      const next = await api.claimWorkPoolRuns(store, "pool", { workerName: "w" });
      expect(next.map((c) => c.flowRun.id)).toEqual([e2.id]);
    });
  });

  it("cancels a Scheduled run at once, a running one through Cancelling, and its subflows with it", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "pool" });
      const d = await deploy(store);
      const scheduled = await api.createDeploymentFlowRun(store, d.id, {
        scheduledTime: Date.now() + 60_000,
      });
      expect((await api.cancelFlowRun(store, scheduled.id)).state.type).toBe("CANCELLED");
      await expect(api.cancelFlowRun(store, scheduled.id)).rejects.toMatchObject({
        code: "ORDO_INVALID_TRANSITION",
      });
      const parent = await api.createDeploymentFlowRun(store, d.id);
      await api.claimWorkPoolRuns(store, "pool", { workerName: "w" });
      await api.setFlowRunState(store, parent.id, {
        type: "RUNNING",
        name: "Running",
        timestamp: Date.now(),
      });
      const child = await api.createFlowRun(store, {
        flowName: "sub",
        name: "child",
        parentFlowRunId: parent.id,
        state: { type: "RUNNING", name: "Running", timestamp: Date.now() },
      });
      expect((await api.cancelFlowRun(store, parent.id)).state.name).toBe("Cancelling");
      // The killed process's own report of a crash ends the cancellation as Cancelled.
      const crashed = await api.setFlowRunState(store, parent.id, {
        type: "CRASHED",
        name: "Crashed",
        timestamp: Date.now(),
        message: "killed",
      });
      expect(crashed.state).toMatchObject({ type: "CANCELLED", name: "Cancelled" });
      expect((await api.finishCancellation(store, parent.id)).state.type).toBe("CANCELLED");
      expect((await api.readFlowRun(store, child.id)).state.type).toBe("CANCELLED");
      await expect(api.cancelFlowRun(store, "00000000-0000-7000-8000-000000000000")).rejects.toMatchObject({
        code: "ORDO_NOT_FOUND",
      });
    });
  });

  it("retries a crashed deployment run with retries left: AwaitingRetry, then claimable again, without the old process", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "pool" });
      const d = await deploy(store, { retries: 1 });
      const run = await api.createDeploymentFlowRun(store, d.id);
      await api.claimWorkPoolRuns(store, "pool", { workerName: "w" });
      const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
      await api.attachFlowRunProcess(store, run.id, hostname(), gone);
      await api.setFlowRunState(store, run.id, { type: "RUNNING", name: "Running", timestamp: Date.now() });
      expect(await api.markCrashedRuns(store)).toEqual([run.id]);
      const retried = await api.readFlowRun(store, run.id);
      expect(retried.state).toMatchObject({ type: "SCHEDULED", name: "AwaitingRetry" });
      expect(retried.state.message).toMatch(/^retry 1 of 1 after a crash: process \d+ on host .* is gone/);
      const again = await api.claimWorkPoolRuns(store, "pool", { workerName: "w2" });
      expect(again.map((c) => c.flowRun.id)).toEqual([run.id]);
      // The claim forgets the dead process of the first attempt: the new attempt is not
      // taken for a crash before its own process reports in.
      const claimed = await api.readFlowRun(store, run.id);
      expect(claimed.host).toBeUndefined();
      expect(claimed.pid).toBeUndefined();
      expect(await api.markCrashedRuns(store)).toEqual([]);
      const history = (await api.readFlowRunStates(store, run.id)).map((s) => s.name);
      expect(history).toEqual([
        "Scheduled",
        "InfrastructurePending",
        "Running",
        "Crashed",
        "AwaitingRetry",
        "InfrastructurePending",
      ]);
    });
  });

  it("puts a deployment run back in its queue however its crash is reported, while retries are left", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "pool" });
      const retrying = await deploy(store, { retries: 1 });
      const once = await deploy(store);
      const a = await api.createDeploymentFlowRun(store, retrying.id);
      const b = await api.createDeploymentFlowRun(store, once.id);
      await api.claimWorkPoolRuns(store, "pool", { workerName: "w" });
      const crash = { type: "CRASHED", name: "Crashed", timestamp: Date.now(), message: "exit 1" } as const;
      for (const id of [a.id, b.id]) {
        await api.setFlowRunState(store, id, { type: "RUNNING", name: "Running", timestamp: Date.now() });
        expect((await api.setFlowRunState(store, id, crash)).state.type).toBe("CRASHED");
      }
      expect((await api.readFlowRun(store, a.id)).state).toMatchObject({
        name: "AwaitingRetry",
        message: "retry 1 of 1 after a crash: exit 1",
      });
      expect((await api.readFlowRun(store, b.id)).state.name).toBe("Crashed");
      // A second crash of the retried run uses up its retries.
      await api.setFlowRunState(
        store,
        a.id,
        { type: "RUNNING", name: "Running", timestamp: Date.now() },
        { rerun: true },
      );
      await api.setFlowRunState(store, a.id, crash);
      expect((await api.readFlowRun(store, a.id)).state.name).toBe("Crashed");
    });
  });

  it("marks Scheduled runs Late after 15 s, and applies EXPIRE and SKIP_IF_NEWER stale policies", async () => {
    await withStore(open, async (store) => {
      const now = Date.now();
      const plain = await deploy(store, { workPoolName: undefined });
      const expire = await expiring(store, 60);
      const skip = await deploy(store, { workPoolName: undefined, stalePolicy: "SKIP_IF_NEWER" });
      const late = await api.createDeploymentFlowRun(store, plain.id, { scheduledTime: now - 20_000 });
      const onTime = await api.createDeploymentFlowRun(store, plain.id, { scheduledTime: now - 5_000 });
      const expired = await api.createDeploymentFlowRun(store, expire.id, { scheduledTime: now - 120_000 });
      const older = await api.createDeploymentFlowRun(store, skip.id, { scheduledTime: now - 120_000 });
      const newer = await api.createDeploymentFlowRun(store, skip.id, { scheduledTime: now - 30_000 });
      const changed = await api.markLateRuns(store, now);
      expect(changed.sort()).toEqual([late.id, expired.id, older.id, newer.id].sort());
      expect((await api.readFlowRun(store, late.id)).state).toMatchObject({
        type: "SCHEDULED",
        name: "Late",
      });
      expect((await api.readFlowRun(store, onTime.id)).state.name).toBe("Scheduled");
      expect((await api.readFlowRun(store, expired.id)).state).toMatchObject({ type: "CANCELLED" });
      expect((await api.readFlowRun(store, expired.id)).state.message).toMatch(/^expired: 120 s late/);
      expect((await api.readFlowRun(store, older.id)).state).toMatchObject({
        type: "CANCELLED",
        message: "skipped: a newer run of the deployment is due",
      });
      expect((await api.readFlowRun(store, newer.id)).state.name).toBe("Late");
    });
  });

  it("marks a due run Late however many older runs are Late already", async () => {
    await withStore(open, async (store) => {
      const now = Date.now();
      const plain = await deploy(store, { workPoolName: undefined });
      const expire = await expiring(store, 3600);
      // The longest stale limit: a year, in ms more than a 32-bit integer holds.
      const yearly = await expiring(store, 31_536_000);
      const keptLate = await api.createDeploymentFlowRun(store, yearly.id, { scheduledTime: now - 30_000 });
      await api.setFlowRunState(store, keptLate.id, {
        type: "SCHEDULED",
        name: "Late",
        timestamp: now,
        scheduledTime: now - 30_000,
      });
      // More Late runs than one pass reads (500), none of which a pass changes: no worker took them.
      for (let i = 0; i < 520; i++) {
        const run = await api.createDeploymentFlowRun(store, i % 2 === 0 ? plain.id : expire.id, {
          scheduledTime: now - 600_000 - i * 1000,
        });
        await api.setFlowRunState(store, run.id, {
          type: "SCHEDULED",
          name: "Late",
          timestamp: now,
          scheduledTime: now - 600_000 - i * 1000,
        });
      }
      const expired = await api.createDeploymentFlowRun(store, expire.id, { scheduledTime: now - 7_200_000 });
      const due = await api.createDeploymentFlowRun(store, plain.id, { scheduledTime: now - 20_000 });
      expect((await api.markLateRuns(store, now)).sort()).toEqual([expired.id, due.id].sort());
      expect((await api.readFlowRun(store, due.id)).state.name).toBe("Late");
      expect((await api.readFlowRun(store, keptLate.id)).state.name).toBe("Late");
      expect((await api.readFlowRun(store, expired.id)).state.type).toBe("CANCELLED");
      expect(await api.markLateRuns(store, now)).toEqual([]);
    });
  });
});
