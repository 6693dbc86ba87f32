/**
 * Concurrency limits and slots through the service layer, on SQLite and on PostgreSQL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import * as api from "../../../src/api/index.js";
import { isOrdoError } from "../../../src/errors/index.js";
import { startServices } from "../../../src/server/services/start-services.js";
import { openSqliteStore, type Store } from "../../../src/store/index.js";
import { openPostgresStore } from "../../../src/store/postgres/index.js";
import { postgresServer, useFreshDatabases } from "../../helpers/postgres.js";

const root = mkdtempSync(join(tmpdir(), "ordo-concurrency-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const freshDatabase = useFreshDatabases();

const backends: { name: string; skip: boolean; open: () => Promise<Store> }[] = [
  {
    name: "sqlite",
    skip: false,
    open: () => openSqliteStore({ path: join(root, `${Math.random().toString(36).slice(2)}.db`) }),
  },
  {
    name: "postgres",
    skip: postgresServer() === undefined,
    open: async () => openPostgresStore({ url: await freshDatabase("conc"), poolSize: 8 }),
  },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`concurrency limits: ${backend.name}`, () => {
    const stores: Store[] = [];
    const open = async () => {
      const store = await backend.open();
      stores.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((s) => s.close()));
    });

    it("creates, replaces, lists, reads and deletes tag limits", async () => {
      const store = await open();
      await api.createTagConcurrencyLimit(store, { tag: "db", concurrencyLimit: 3 });
      const replaced = await api.createTagConcurrencyLimit(store, { tag: "db", concurrencyLimit: 5 });
      expect(replaced).toMatchObject({ tag: "db", concurrencyLimit: 5, activeSlots: [] });
      await api.createGlobalConcurrencyLimit(store, { name: "warehouse", limit: 2 });
      expect((await api.readTagConcurrencyLimits(store)).map((l) => l.tag)).toEqual(["db"]);
      expect((await api.readGlobalConcurrencyLimits(store)).map((l) => l.name)).toEqual(["warehouse"]);
      await api.deleteTagConcurrencyLimit(store, "db");
      await expect(api.readTagConcurrencyLimit(store, "db")).rejects.toMatchObject({
        code: "ORDO_NOT_FOUND",
      });
      await expect(api.deleteTagConcurrencyLimit(store, "db")).rejects.toMatchObject({
        code: "ORDO_NOT_FOUND",
      });
    });

    it("refuses a second global limit of the same name", async () => {
      const store = await open();
      await api.createGlobalConcurrencyLimit(store, { name: "w", limit: 1 });
      await expect(api.createGlobalConcurrencyLimit(store, { name: "w", limit: 1 })).rejects.toMatchObject({
        code: "ORDO_CONFLICT",
      });
    });

    it("grants slots up to the limit and shows the holders", async () => {
      const store = await open();
      await api.createTagConcurrencyLimit(store, { tag: "db", concurrencyLimit: 2 });
      const take = (holder: string) => api.acquireConcurrencySlots(store, { tags: ["db"], holder });
      expect((await take("a")).granted).toBe(true);
      expect((await take("b")).granted).toBe(true);
      const third = await take("c");
      expect(third).toMatchObject({
        granted: false,
        blockedBy: { name: "tag:db", limit: 2, activeSlots: 2 },
      });
      expect((await api.readTagConcurrencyLimit(store, "db")).activeSlots).toEqual(["a", "b"]);
      await api.releaseConcurrencySlots(store, { holder: "a" });
      expect((await take("c")).granted).toBe(true);
    });

    it("takes a slot of every tag or of none", async () => {
      const store = await open();
      await api.createTagConcurrencyLimit(store, { tag: "a", concurrencyLimit: 1 });
      await api.createTagConcurrencyLimit(store, { tag: "b", concurrencyLimit: 1 });
      expect((await api.acquireConcurrencySlots(store, { tags: ["b"], holder: "h1" })).granted).toBe(true);
      const both = await api.acquireConcurrencySlots(store, { tags: ["a", "b"], holder: "h2" });
      expect(both.granted).toBe(false);
      // Nothing of "a" was taken by the refused request.
      expect((await api.readTagConcurrencyLimit(store, "a")).activeSlots).toEqual([]);
      expect((await api.acquireConcurrencySlots(store, { tags: ["a"], holder: "h3" })).granted).toBe(true);
    });

    it("never grants more than the limit to many acquires at once", async () => {
      const store = await open();
      await api.createTagConcurrencyLimit(store, { tag: "x", concurrencyLimit: 3 });
      await api.createTagConcurrencyLimit(store, { tag: "y", concurrencyLimit: 4 });
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          api.acquireConcurrencySlots(store, {
            tags: i % 2 === 0 ? ["x", "y"] : ["y", "x"],
            holder: `h${i}`,
          }),
        ),
      );
      expect(answers.filter((a) => a.granted)).toHaveLength(3);
      expect((await api.readTagConcurrencyLimit(store, "x")).activeSlots).toHaveLength(3);
      expect((await api.readTagConcurrencyLimit(store, "y")).activeSlots).toHaveLength(3);
    });

    it("ignores expired leases and reclaims them", async () => {
      const store = await open();
      await api.createTagConcurrencyLimit(store, { tag: "db", concurrencyLimit: 1 });
      await api.acquireConcurrencySlots(store, { tags: ["db"], holder: "dead", leaseSeconds: 1 });
      expect((await api.acquireConcurrencySlots(store, { tags: ["db"], holder: "b" })).granted).toBe(false);
      await new Promise((r) => setTimeout(r, 1_100));
      expect(await api.reclaimExpiredLeases(store, Date.now() - 60_000)).toBe(0);
      expect((await api.readTagConcurrencyLimit(store, "db")).activeSlots).toEqual([]);
      expect(await api.reclaimExpiredLeases(store, Date.now())).toBe(1);
      expect((await api.acquireConcurrencySlots(store, { tags: ["db"], holder: "b" })).granted).toBe(true);
    });

    it("renews a holder's leases", async () => {
      const store = await open();
      await api.createTagConcurrencyLimit(store, { tag: "db", concurrencyLimit: 1 });
      await api.acquireConcurrencySlots(store, { tags: ["db"], holder: "a", leaseSeconds: 1 });
      expect((await api.renewConcurrencySlots(store, { holder: "a", leaseSeconds: 60 })).count).toBe(1);
      expect(await api.reclaimExpiredLeases(store, Date.now() + 5_000)).toBe(0);
    });

    it("wakes a waiting acquire when a slot is released, and when the limit is deleted", async () => {
      const store = await open();
      await api.createTagConcurrencyLimit(store, { tag: "db", concurrencyLimit: 1 });
      await api.acquireConcurrencySlots(store, { tags: ["db"], holder: "a" });
      const started = Date.now();
      const waiting = api.acquireConcurrencySlots(store, { tags: ["db"], holder: "b", waitSeconds: 10 });
      setTimeout(() => void api.releaseConcurrencySlots(store, { holder: "a" }), 100);
      expect((await waiting).granted).toBe(true);
      expect(Date.now() - started).toBeLessThan(1_000);

      const blocked = api.acquireConcurrencySlots(store, { tags: ["db"], holder: "c", waitSeconds: 10 });
      setTimeout(() => void api.deleteTagConcurrencyLimit(store, "db"), 100);
      expect(await blocked).toMatchObject({ granted: true, limits: [], missing: ["tag:db"] });
    });

    it("blocks every acquire at a limit of 0", async () => {
      const store = await open();
      await api.createTagConcurrencyLimit(store, { tag: "off", concurrencyLimit: 0 });
      const answer = await api.acquireConcurrencySlots(store, {
        tags: ["off"],
        holder: "a",
        waitSeconds: 0.3,
      });
      expect(answer.granted).toBe(false);
    });

    it("decays rate-limit slots at the limit's rate", async () => {
      const store = await open();
      await api.createGlobalConcurrencyLimit(store, { name: "api", limit: 2, slotDecayPerSecond: 1 });
      const rate = (holder: string) =>
        api.acquireConcurrencySlots(store, { names: ["api"], holder, mode: "rate" });
      const started = Date.now();
      expect((await rate("1")).granted).toBe(true);
      expect((await rate("2")).granted).toBe(true);
      const third = await rate("3");
      // One slot per second decays: refused unless a second went by (a very loaded machine).
      if (Date.now() - started < 1_000) expect(third.granted).toBe(false);
      // A faster decay applies from the update on (computed at read time, no job): a slot within 120 ms.
      await api.updateGlobalConcurrencyLimit(store, "api", { slotDecayPerSecond: 20 });
      await new Promise((r) => setTimeout(r, 120));
      expect((await rate("4")).granted).toBe(true);
      const limit = await api.readGlobalConcurrencyLimit(store, "api");
      expect(limit.activeSlots).toBeGreaterThan(0);
      expect(limit.activeSlots).toBeLessThanOrEqual(2);
    });

    it("refuses rate limiting on a limit that does not decay, and unknown names when strict", async () => {
      const store = await open();
      await api.createGlobalConcurrencyLimit(store, { name: "plain", limit: 2 });
      await expect(
        api.acquireConcurrencySlots(store, { names: ["plain"], holder: "h", mode: "rate" }),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_INPUT" });
      const error: unknown = await api
        .acquireConcurrencySlots(store, { names: ["nope"], holder: "h", strict: true })
        .catch((e: unknown) => e);
      expect(isOrdoError(error, "ORDO_CONCURRENCY_LIMIT_NOT_FOUND")).toBe(true);
      expect(await api.acquireConcurrencySlots(store, { names: ["nope"], holder: "h" })).toMatchObject({
        granted: true,
        missing: ["nope"],
      });
    });

    it("updates a global limit and an inactive limit limits nothing", async () => {
      const store = await open();
      await api.createGlobalConcurrencyLimit(store, { name: "w", limit: 0 });
      expect((await api.acquireConcurrencySlots(store, { names: ["w"], holder: "a" })).granted).toBe(false);
      const updated = await api.updateGlobalConcurrencyLimit(store, "w", { active: false });
      expect(updated).toMatchObject({ name: "w", limit: 0, active: false });
      expect((await api.acquireConcurrencySlots(store, { names: ["w"], holder: "a" })).granted).toBe(true);
      await expect(api.updateGlobalConcurrencyLimit(store, "zz", { limit: 1 })).rejects.toMatchObject({
        code: "ORDO_NOT_FOUND",
      });
    });
  });
}

describe("the server's lease reclaim service", () => {
  it("deletes leases that expired unrenewed", async () => {
    const store = await openSqliteStore({ path: join(root, "services.db") });
    const services = startServices(store, {
      crashDetectionIntervalMs: 0,
      retentionIntervalMs: 0,
      leaseReclaimIntervalMs: 100,
    });
    try {
      await api.createTagConcurrencyLimit(store, { tag: "db", concurrencyLimit: 1 });
      await api.acquireConcurrencySlots(store, { tags: ["db"], holder: "died", leaseSeconds: 1 });
      const leases = () => store.executor.all(store.executor.qb.selectFrom("concurrency_leases").selectAll());
      expect(await leases()).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 1_300));
      expect(await leases()).toEqual([]);
    } finally {
      await services.stop();
      await store.close();
    }
  });
});
