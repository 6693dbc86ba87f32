/**
 * Tag concurrency limits on task runs, and `concurrency()` / `rateLimit()`, with the
 * embedded client and through a real server on loopback.
 */
import { describe, expect, it } from "vitest";
import { getClient } from "../../../src/client/get-client.js";
import { concurrency, flow, isOrdoError, rateLimit, task } from "../../../src/index.js";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts how many calls run at once. */
function gauge() {
  let now = 0;
  let max = 0;
  return {
    async around<T>(work: () => Promise<T>): Promise<T> {
      now++;
      max = Math.max(max, now);
      try {
        return await work();
      } finally {
        now--;
      }
    },
    get max() {
      return max;
    },
  };
}

for (const mode of ["embedded", "http"] as const) {
  describe(`concurrency limits (${mode} client)`, () => {
    useTempOrdoHome({ http: mode === "http" });

    it("runs 30 one-second tasks tagged db under a limit of 10 in about 3 s", async () => {
      const client = await getClient();
      await client.createConcurrencyLimit({ tag: "db", concurrencyLimit: 10 });
      const running = gauge();
      const query = task({ name: "query", tags: ["db"] }, (i: number) =>
        running.around(() => sleep(1_000).then(() => i)),
      );
      const main = flow({ name: `thirty-${mode}` }, async () => {
        const futures = Array.from({ length: 30 }, (_, i) => query.submit(i));
        return (await Promise.all(futures.map((f) => f.result()))).length;
      });
      const started = Date.now();
      const state = await main.state();
      const seconds = (Date.now() - started) / 1000;
      console.log(`30 x 1 s tasks under a limit of 10 (${mode}): ${seconds.toFixed(2)} s`);
      expect(await state.result()).toBe(30);
      expect(running.max).toBe(10);
      // About 3 s on a quiet machine (the docs and the CI log print it). The bound only
      // catches a back-off: one of even 10 s per waiting wave would take over 20 s, while
      // a loaded CI machine has taken up to 9 s for the three waves.
      expect(seconds).toBeLessThan(15);
      expect((await client.readConcurrencyLimit("db")).activeSlots).toEqual([]);
      const logs = await client.readLogs({ flowRunId: state.flowRunId! });
      const waiting = logs.filter(
        (l) => l.message === "waiting for a concurrency slot of tag 'db' (limit 10)",
      );
      expect(waiting.length).toBe(20);
      await client.deleteConcurrencyLimit("db");
    });

    it("releases the slot of a task run that fails or times out", async () => {
      const client = await getClient();
      await client.createConcurrencyLimit({ tag: "one", concurrencyLimit: 1 });
      const boom = task({ name: "boom", tags: ["one"] }, () => Promise.reject(new Error("boom")));
      const slow = task({ name: "slow", tags: ["one"], timeoutSeconds: 0.2 }, () => sleep(2_000));
      const ok = task({ name: "ok", tags: ["one"] }, () => Promise.resolve(1));
      const main = flow({ name: `release-${mode}` }, async () => {
        const a = await boom.state();
        const b = await slow.state();
        return [a.name, b.name, await ok()];
      });
      expect(await main()).toEqual(["Failed", "TimedOut", 1]);
      expect((await client.readConcurrencyLimit("one")).activeSlots).toEqual([]);
    });

    it("holds task runs at a limit of 0 until the limit is deleted; untagged ones run", async () => {
      const client = await getClient();
      await client.createConcurrencyLimit({ tag: "closed", concurrencyLimit: 0 });
      const blocked = task({ name: "blocked", tags: ["closed"] }, () => Promise.resolve("ran"));
      const free = task({ name: "free" }, () => Promise.resolve("free"));
      const main = flow({ name: `zero-${mode}` }, async () => {
        const waiting = blocked.submit();
        const other = await free();
        return [other, await waiting.result()];
      });
      const run = main();
      await sleep(400);
      const started = Date.now();
      await client.deleteConcurrencyLimit("closed");
      expect(await run).toEqual(["free", "ran"]);
      expect(Date.now() - started).toBeLessThan(mode === "http" ? 1_500 : 1_000);
    });

    it("concurrency() holds slots around a function, inside and outside flows", async () => {
      const client = await getClient();
      await client.createGlobalConcurrencyLimit({ name: `pool-${mode}`, limit: 2 });
      const running = gauge();
      const work = () => concurrency(`pool-${mode}`, {}, () => running.around(() => sleep(200)));
      const started = Date.now();
      await Promise.all(Array.from({ length: 6 }, work));
      expect(running.max).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(550);
      const inFlow = flow({ name: `conc-${mode}` }, () =>
        concurrency(`pool-${mode}`, { occupy: 2 }, () => 7),
      );
      expect(await inFlow()).toBe(7);
      expect((await client.readGlobalConcurrencyLimit(`pool-${mode}`)).activeSlots).toBe(0);
    });

    it("concurrency() times out with ORDO_CONCURRENCY_TIMEOUT and is strict on request", async () => {
      const client = await getClient();
      await client.createGlobalConcurrencyLimit({ name: `shut-${mode}`, limit: 0 });
      const timedOut: unknown = await concurrency(`shut-${mode}`, { timeoutSeconds: 0.3 }, () => 1).catch(
        (e: unknown) => e,
      );
      expect(isOrdoError(timedOut, "ORDO_CONCURRENCY_TIMEOUT")).toBe(true);
      const missing: unknown = await concurrency("no-such-limit", { strict: true }, () => 1).catch(
        (e: unknown) => e,
      );
      expect(isOrdoError(missing, "ORDO_CONCURRENCY_LIMIT_NOT_FOUND")).toBe(true);
      expect(await concurrency("no-such-limit", {}, () => 2)).toBe(2);
    });

    it("rateLimit() lets calls pass at the decay rate", async () => {
      const client = await getClient();
      await client.createGlobalConcurrencyLimit({ name: `rate-${mode}`, limit: 1, slotDecayPerSecond: 10 });
      const started = Date.now();
      for (let i = 0; i < 5; i++) await rateLimit(`rate-${mode}`);
      // The first passes at once, each next one after 100 ms of decay.
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
      const plain = `plain-${mode}`;
      await client.createGlobalConcurrencyLimit({ name: plain, limit: 1 });
      await expect(rateLimit(plain)).rejects.toMatchObject({ code: "ORDO_INVALID_INPUT" });
    });
  });
}
