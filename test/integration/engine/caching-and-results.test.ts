import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FLOW_PARAMETERS, INPUTS, NONE, TASK_SOURCE, flow, inputsHash, task } from "../../../src/index.js";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";

const { client, home } = useTempOrdoHome();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("caching", () => {
  it("is off unless asked for: the same call runs again", async () => {
    let calls = 0;
    const plain = task({ name: "uncached" }, async (x: number) => ++calls + x);
    const f = flow({ name: "no-cache" }, async () => plain(1));
    await f();
    await f();
    expect(calls).toBe(2);
  });

  it("returns a Cached state for the same inputs with cacheKey: inputsHash", async () => {
    let calls = 0;
    const cached = task(
      { name: "cached-inputs", cacheKey: inputsHash },
      async (x: { a: number; b: number }) => {
        calls++;
        return x.a + x.b;
      },
    );
    const f = flow({ name: "cache-flow" }, async ({ a, b }: { a: number; b: number }) => {
      const st = await cached.state({ a, b });
      return { name: st.name, value: await st.result() };
    });
    expect(await f({ a: 1, b: 2 })).toEqual({ name: "Completed", value: 3 });
    expect(await f({ b: 2, a: 1 })).toEqual({ name: "Cached", value: 3 });
    expect(await f({ a: 2, b: 2 })).toEqual({ name: "Completed", value: 4 });
    expect(calls).toBe(2);
  });

  it("combines policies and treats NONE as no caching", async () => {
    let calls = 0;
    const combined = task({ name: "combined", cachePolicy: INPUTS.and(TASK_SOURCE) }, async () => ++calls);
    const none = task({ name: "none-policy", cachePolicy: NONE }, async () => ++calls);
    const f = flow({ name: "policies" }, async () => [
      await combined(),
      await combined(),
      await none(),
      await none(),
    ]);
    expect(await f()).toEqual([1, 1, 2, 3]);
  });

  it("keys by flow parameters with FLOW_PARAMETERS", async () => {
    let calls = 0;
    const perParams = task({ name: "per-params", cachePolicy: FLOW_PARAMETERS }, async () => ++calls);
    const f = flow({ name: "flow-params-cache" }, async (_p: { day: string }) => perParams());
    expect([await f({ day: "mon" }), await f({ day: "mon" }), await f({ day: "tue" })]).toEqual([1, 1, 2]);
  });

  it("expires entries after cacheExpirationSeconds", async () => {
    let calls = 0;
    const shortLived = task(
      { name: "short-lived", cacheKey: () => "fixed", cacheExpirationSeconds: 1 },
      async () => ++calls,
    );
    const f = flow({ name: "expiring" }, async () => shortLived());
    expect(await f()).toBe(1);
    expect(await f()).toBe(1);
    await sleep(1100);
    expect(await f()).toBe(2);
  });

  it("runs anyway and refreshes the entry with refreshCache", async () => {
    let calls = 0;
    const refreshing = task(
      { name: "refreshing", cacheKey: () => "refresh-key", refreshCache: true },
      async () => ++calls,
    );
    const reader = task({ name: "refresh-reader", cacheKey: () => "refresh-key" }, async () => -1);
    const f = flow({ name: "refresh" }, async () => [await refreshing(), await refreshing(), await reader()]);
    expect(await f()).toEqual([1, 2, 2]);
  });

  it("fails with ORDO_UNHASHABLE_INPUT, naming the argument, for an input that cannot be hashed", async () => {
    const withClient = task(
      { name: "with-client", cacheKey: inputsHash },
      async (c: { query: () => number }) => c.query(),
    );
    const f = flow({ name: "unhashable" }, async () => {
      const st = await withClient.state({ query: () => 1 });
      return { name: st.name, code: st.error?.code, message: st.message };
    });
    const value = await f();
    expect(value.name).toBe("Failed");
    expect(value.code).toBe("ORDO_UNHASHABLE_INPUT");
    expect(value.message).toContain("query");
  });
});

describe("results", () => {
  it("keeps small results inline with the task run", async () => {
    const small = task({ name: "small-result" }, async () => ({
      when: new Date(0),
      tags: new Set(["a"]),
      big: 10n,
    }));
    const f = flow({ name: "inline-results" }, async () => small());
    const state = await f.state();
    const [run] = await (await client()).readTaskRuns({ flowRunId: state.flowRunId! });
    expect(run!.result?.kind).toBe("inline");
  });

  it("writes large results to result storage and reads them back", async () => {
    const large = task({ name: "large-result", cacheResultInMemory: false }, async () => "x".repeat(100_000));
    const f = flow({ name: "stored-results" }, async () => {
      const fut = large.submit();
      return (await fut.result()).length;
    });
    const state = await f.state();
    expect(await state.result()).toBe(100_000);
    const [run] = await (await client()).readTaskRuns({ flowRunId: state.flowRunId! });
    expect(run!.result?.kind).toBe("storage");
    expect(readdirSync(join(home(), "storage")).length).toBeGreaterThan(0);
  });

  it("round-trips Date, Map, Set, BigInt and undefined through storage when not kept in memory", async () => {
    const value = { d: new Date(5), m: new Map([["k", 1]]), s: new Set([1, 2]), b: 2n ** 70n, u: undefined };
    const rich = task({ name: "rich", cacheResultInMemory: false }, async () => value);
    const f = flow({ name: "rich-results" }, async () => rich.submit().result());
    expect(await f()).toEqual(value);
  });

  it("warns once and keeps going when a value cannot be persisted", async () => {
    const makeClient = task({ name: "make-client" }, async () => ({ query: () => 1 }));
    const f = flow({ name: "not-resumable" }, async () => {
      const a = await makeClient();
      await makeClient();
      return a.query();
    });
    const state = await f.state();
    expect(await state.result()).toBe(1);
    const logs = await (await client()).readLogs({ flowRunId: state.flowRunId! });
    expect(logs.filter((l) => l.message.includes("not resumable"))).toHaveLength(1);
    const runs = await (await client()).readTaskRuns({ flowRunId: state.flowRunId! });
    expect(runs.every((r) => r.state.name === "Completed" && r.result === undefined)).toBe(true);
  });

  it("fails with ORDO_RESULT_NOT_SERIALIZABLE when persistResult: true was asked for", async () => {
    const strict = task({ name: "strict-persist", persistResult: true, retries: 2 }, async () => ({
      fn: () => 1,
    }));
    const f = flow({ name: "must-persist" }, async () => {
      const st = await strict.state();
      return { name: st.name, code: st.error?.code };
    });
    expect(await f()).toEqual({ name: "Failed", code: "ORDO_RESULT_NOT_SERIALIZABLE" });
  });

  it("persists nothing with persistResult: false", async () => {
    const ephemeral = task({ name: "ephemeral", persistResult: false }, async () => 7);
    const f = flow({ name: "no-persist" }, async () => ephemeral());
    const state = await f.state();
    const [run] = await (await client()).readTaskRuns({ flowRunId: state.flowRunId! });
    expect(run!.result).toBeUndefined();
  });
});
