/**
 * Work pools, queues and workers through the service layer, on SQLite and PostgreSQL:
 * a pool comes with its default queue, names are unique, statuses follow pauses and
 * heartbeats.
 */
import { describe, expect, it } from "vitest";
import * as api from "../../../src/api/index.js";
import { storeBackends, withStore } from "../../helpers/store-backends.js";

const backends = storeBackends("pools");

describe.each(backends)("work pools on %s", (_name, open) => {
  it("creates a pool with its default queue, refuses a second pool of the same name, and lists pools", async () => {
    await withStore(open, async (store) => {
      const pool = await api.createWorkPool(store, { name: "local", concurrencyLimit: 3 });
      expect(pool).toMatchObject({
        name: "local",
        type: "process",
        paused: false,
        concurrencyLimit: 3,
        status: "NOT_READY",
      });
      expect(pool.baseJobTemplate.variables).toHaveProperty("properties.env");
      const queues = await api.readWorkQueues(store, "local");
      expect(queues.map((q) => [q.name, q.priority])).toEqual([["default", 1]]);
      await expect(api.createWorkPool(store, { name: "local" })).rejects.toMatchObject({
        code: "ORDO_CONFLICT",
      });
      await expect(api.createWorkPool(store, { name: "bad name!" })).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
      });
      await api.createWorkPool(store, { name: "another" });
      expect((await api.readWorkPools(store)).map((p) => p.name)).toEqual(["another", "local"]);
    });
  });

  it("shows PAUSED when paused, READY while a worker heartbeats, and its workers ONLINE", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "p" });
      await api.heartbeatWorker(store, "p", { name: "w1", heartbeatIntervalSeconds: 30 });
      expect((await api.readWorkPool(store, "p")).status).toBe("READY");
      const [worker] = await api.readWorkers(store, "p");
      expect(worker).toMatchObject({ name: "w1", status: "ONLINE", heartbeatIntervalSeconds: 30 });
      expect((await api.updateWorkPool(store, "p", { paused: true })).status).toBe("PAUSED");
      expect((await api.updateWorkPool(store, "p", { paused: false, concurrencyLimit: null })).status).toBe(
        "READY",
      );
      await expect(api.heartbeatWorker(store, "nope", { name: "w1" })).rejects.toMatchObject({
        code: "ORDO_NOT_FOUND",
      });
    });
  });

  it("shows a worker OFFLINE at once when its last heartbeat said it stopped, and ONLINE again when it beats anew", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "s" });
      await api.heartbeatWorker(store, "s", { name: "w1", heartbeatIntervalSeconds: 30 });
      await api.heartbeatWorker(store, "s", { name: "w2", heartbeatIntervalSeconds: 30 });
      const before = Date.now();
      await api.heartbeatWorker(store, "s", { name: "w1", stopped: true });
      const byName = async () => new Map((await api.readWorkers(store, "s")).map((w) => [w.name, w]));
      expect((await byName()).get("w1")).toMatchObject({ status: "OFFLINE", stoppedAt: expect.any(Number) });
      expect((await byName()).get("w1")?.stoppedAt).toBeGreaterThanOrEqual(before);
      expect((await byName()).get("w2")).toMatchObject({ status: "ONLINE" });
      expect((await byName()).get("w2")?.stoppedAt).toBeUndefined();
      expect((await api.readWorkPool(store, "s")).status).toBe("READY");
      expect((await api.readWorkPoolSummaries(store, { names: ["s"] }))[0]).toMatchObject({
        workersOnline: 1,
        workersOffline: 1,
      });

      await api.heartbeatWorker(store, "s", { name: "w2", stopped: true });
      expect((await api.readWorkPool(store, "s")).status).toBe("NOT_READY");
      expect((await api.readWorkPoolSummaries(store, { names: ["s"] }))[0]).toMatchObject({
        workersOnline: 0,
        workersOffline: 2,
      });

      await api.heartbeatWorker(store, "s", { name: "w1" });
      expect((await byName()).get("w1")).toMatchObject({ status: "ONLINE" });
      expect((await byName()).get("w1")?.stoppedAt).toBeUndefined();
      expect((await api.readWorkPool(store, "s")).status).toBe("READY");
      await expect(
        api.heartbeatWorker(store, "s", { name: "w1", stopped: "yes" } as never),
      ).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
      });
    });
  });

  it("adds queues after the existing ones by default, keeps the default queue, and deletes a pool with its queues", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "q" });
      expect((await api.createWorkQueue(store, "q", { name: "high" })).priority).toBe(2);
      expect(
        (await api.createWorkQueue(store, "q", { name: "urgent", priority: 1, concurrencyLimit: 2 }))
          .concurrencyLimit,
      ).toBe(2);
      await expect(api.createWorkQueue(store, "q", { name: "high" })).rejects.toMatchObject({
        code: "ORDO_CONFLICT",
      });
      await expect(api.deleteWorkQueue(store, "q", "default")).rejects.toMatchObject({
        code: "ORDO_CONFLICT",
      });
      expect((await api.updateWorkQueue(store, "q", "high", { paused: true })).status).toBe("PAUSED");
      await api.deleteWorkQueue(store, "q", "high");
      expect((await api.readWorkQueues(store, "q")).map((x) => x.name).sort()).toEqual(["default", "urgent"]);
      await api.deleteWorkPool(store, "q");
      await expect(api.readWorkQueues(store, "q")).rejects.toMatchObject({ code: "ORDO_NOT_FOUND" });
    });
  });
  it("summarises the named pools in one call: queues, workers online and offline, unknown names left out", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "busy" });
      await api.createWorkPool(store, { name: "empty" });
      await api.createWorkQueue(store, "busy", { name: "urgent" });
      await api.heartbeatWorker(store, "busy", { name: "w1", heartbeatIntervalSeconds: 30 });
      await api.heartbeatWorker(store, "busy", { name: "w2", heartbeatIntervalSeconds: 30 });
      const longAgo = Date.now() - 10 * 60_000;
      await store.records.workPools.heartbeat("busy", "gone", 30, longAgo);
      expect(await api.readWorkPoolSummaries(store, { names: ["empty", "busy", "nope"] })).toEqual([
        { name: "busy", queues: 2, workersOnline: 2, workersOffline: 1 },
        { name: "empty", queues: 1, workersOnline: 0, workersOffline: 0 },
      ]);
      expect(await api.readWorkPoolSummaries(store, { names: [] })).toEqual([]);
      await expect(
        api.readWorkPoolSummaries(store, { names: Array.from({ length: 201 }, (_, i) => `p${i}`) }),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_INPUT" });
    });
  });
});
