import { describe, expect, it } from "vitest";
import { CACHE_KEY_VERSION, combineCacheKey } from "../../../src/cache/cache-key.js";
import type { CacheKeyContext } from "../../../src/cache/cache-key-context.js";
import { FLOW_PARAMETERS, INPUTS, NONE, RUN_ID, TASK_SOURCE } from "../../../src/cache/cache-policies.js";
import { CachePolicy } from "../../../src/cache/cache-policy.js";
import { sha256Hex } from "../../../src/hashing/hash-value.js";
import { isOrdoError } from "../../../src/errors/ordo-error.js";

const base: CacheKeyContext = {
  taskKey: "embed",
  taskSource: "async (text) => model.embed(text)",
  args: ["hello", { model: "small" }],
  flowRunId: "run-1",
  flowParameters: { day: "2024-01-01" },
};

describe("preset cache policies", () => {
  it("INPUTS depends on the arguments only, by value", () => {
    expect(INPUTS.computeKey(base)).toBe(INPUTS.computeKey({ ...base, args: ["hello", { model: "small" }] }));
    expect(INPUTS.computeKey(base)).not.toBe(
      INPUTS.computeKey({ ...base, args: ["bye", { model: "small" }] }),
    );
    expect(INPUTS.computeKey(base)).toBe(INPUTS.computeKey({ ...base, flowRunId: "run-2", taskSource: "x" }));
  });

  it("TASK_SOURCE depends on the source text only", () => {
    expect(TASK_SOURCE.computeKey(base)).toBe(TASK_SOURCE.computeKey({ ...base, args: [] }));
    expect(TASK_SOURCE.computeKey(base)).not.toBe(
      TASK_SOURCE.computeKey({ ...base, taskSource: "async () => 2" }),
    );
  });

  it("FLOW_PARAMETERS depends on the flow parameters, key order aside", () => {
    const a = FLOW_PARAMETERS.computeKey({ ...base, flowParameters: { a: 1, b: 2 } });
    expect(a).toBe(FLOW_PARAMETERS.computeKey({ ...base, flowParameters: { b: 2, a: 1 } }));
    expect(a).not.toBe(FLOW_PARAMETERS.computeKey({ ...base, flowParameters: { a: 1, b: 3 } }));
  });

  it("RUN_ID depends on the flow run id", () => {
    expect(RUN_ID.computeKey(base)).toBe(RUN_ID.computeKey({ ...base, args: [] }));
    expect(RUN_ID.computeKey(base)).not.toBe(RUN_ID.computeKey({ ...base, flowRunId: "run-2" }));
  });

  it("NONE gives no key", () => {
    expect(NONE.computeKey(base)).toBeUndefined();
  });

  it("always includes the task key, so two tasks never share a key by accident", () => {
    for (const policy of [INPUTS, TASK_SOURCE, FLOW_PARAMETERS, RUN_ID]) {
      expect(policy.computeKey(base)).not.toBe(policy.computeKey({ ...base, taskKey: "other" }));
    }
  });

  it("gives different presets different keys for the same call", () => {
    const keys = [INPUTS, TASK_SOURCE, FLOW_PARAMETERS, RUN_ID].map((p) => p.computeKey(base));
    expect(new Set(keys).size).toBe(4);
  });

  it("computes keys as documented", () => {
    const text = `${CACHE_KEY_VERSION}\ntask:5:embed\nrun_id:5:run-1`;
    expect(RUN_ID.computeKey(base)).toBe(sha256Hex(text));
    expect(combineCacheKey("embed", [["run_id", "run-1"]])).toBe(sha256Hex(text));
  });
});

describe("combining cache policies with and()", () => {
  it("depends on every part", () => {
    const policy = INPUTS.and(TASK_SOURCE);
    const key = policy.computeKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(policy.computeKey({ ...base, args: ["other"] })).not.toBe(key);
    expect(policy.computeKey({ ...base, taskSource: "changed" })).not.toBe(key);
    expect(policy.computeKey({ ...base, flowRunId: "run-9" })).toBe(key);
    expect(key).not.toBe(INPUTS.computeKey(base));
  });

  it("is order-independent and idempotent", () => {
    const a = INPUTS.and(TASK_SOURCE).and(RUN_ID);
    const b = RUN_ID.and(TASK_SOURCE.and(INPUTS)).and(INPUTS);
    expect(a.computeKey(base)).toBe(b.computeKey(base));
    expect(a.name).toBe("inputs+run_id+task_source");
    expect(b.name).toBe(a.name);
  });

  it("gives no key when NONE is part of it", () => {
    expect(INPUTS.and(NONE).computeKey(base)).toBeUndefined();
    expect(NONE.and(TASK_SOURCE).and(RUN_ID).computeKey(base)).toBeUndefined();
  });

  it("gives no key when a custom part declines", () => {
    const onlyLong = CachePolicy.custom("long-text", (ctx) =>
      String(ctx.args[0]).length > 10 ? "yes" : undefined,
    );
    expect(INPUTS.and(onlyLong).computeKey(base)).toBeUndefined();
    expect(INPUTS.and(onlyLong).computeKey({ ...base, args: ["a long enough text"] })).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });

  it("does not confuse part values that contain newlines or the notation", () => {
    const a = CachePolicy.custom("a", () => "x\nb:1:y").computeKey(base);
    const b = CachePolicy.custom("a", () => "x")
      .and(CachePolicy.custom("b", () => "y"))
      .computeKey(base);
    expect(a).not.toBe(b);
  });

  it("refuses two different parts of the same name", () => {
    const one = CachePolicy.custom("day", () => "1");
    const two = CachePolicy.custom("day", () => "2");
    expect(() => one.and(two)).toThrowError(/two different cache policy parts are named "day"/);
  });

  it("refuses part names that are not simple names, and empty policies", () => {
    expect(() => CachePolicy.custom("a b", () => "x")).toThrow(/invalid cache policy part name/);
    try {
      new CachePolicy([]);
      expect.unreachable();
    } catch (error) {
      expect(isOrdoError(error, "ORDO_INVALID_PARAMETERS")).toBe(true);
    }
  });

  it("exposes itself as a cache key function reading ctx.args", () => {
    expect(INPUTS.keyFn(base, base.args)).toBe(INPUTS.computeKey(base));
    expect(String(INPUTS.and(RUN_ID))).toBe("CachePolicy(inputs+run_id)");
  });

  it("propagates ORDO_UNHASHABLE_INPUT from INPUTS with the argument's path", () => {
    expect(() => INPUTS.computeKey({ ...base, args: [{ fn: () => 1 }] })).toThrow(/args\[0\]\.fn/);
  });
});
