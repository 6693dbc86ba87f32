import { describe, expect, it } from "vitest";
import type { CacheKeyContext, CacheKeyFn } from "../../../src/cache/cache-key-context.js";
import { INPUTS, NONE, TASK_SOURCE } from "../../../src/cache/cache-policies.js";
import { resolveCacheKeyFn } from "../../../src/cache/resolve-cache-key-fn.js";
import { inputsHash } from "../../../src/hashing/inputs-hash.js";

const ctx: CacheKeyContext = {
  taskKey: "t",
  taskSource: "src",
  args: [1],
  flowRunId: "r",
  flowParameters: {},
};

describe("resolveCacheKeyFn", () => {
  it("returns undefined without cache options: caching is explicit", () => {
    expect(resolveCacheKeyFn({})).toBeUndefined();
    expect(resolveCacheKeyFn({ cacheKey: undefined, cachePolicy: undefined })).toBeUndefined();
  });

  it("returns a cacheKey function unchanged", () => {
    const byFirst: CacheKeyFn = (_ctx, args) => `first:${String(args[0])}`;
    expect(resolveCacheKeyFn({ cacheKey: byFirst })).toBe(byFirst);
    expect(resolveCacheKeyFn({ cacheKey: inputsHash })?.(ctx, ctx.args)).toBe(inputsHash(ctx, ctx.args));
  });

  it("returns the policy's key function", () => {
    const fn = resolveCacheKeyFn({ cachePolicy: INPUTS.and(TASK_SOURCE) });
    expect(fn?.(ctx, ctx.args)).toBe(INPUTS.and(TASK_SOURCE).computeKey(ctx));
  });

  it("returns the same function for the same options", () => {
    const policy = INPUTS.and(TASK_SOURCE);
    expect(resolveCacheKeyFn({ cachePolicy: policy })).toBe(resolveCacheKeyFn({ cachePolicy: policy }));
    expect(resolveCacheKeyFn({ cachePolicy: policy, cacheKey: inputsHash })).toBe(
      resolveCacheKeyFn({ cachePolicy: policy, cacheKey: inputsHash }),
    );
  });

  it("combines a policy and a cacheKey function: both must give a key", () => {
    const declines: CacheKeyFn = () => undefined;
    expect(resolveCacheKeyFn({ cachePolicy: INPUTS, cacheKey: declines })?.(ctx, ctx.args)).toBeUndefined();
    const fixed: CacheKeyFn = () => "fixed";
    const key = resolveCacheKeyFn({ cachePolicy: INPUTS, cacheKey: fixed })?.(ctx, ctx.args);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toBe(INPUTS.computeKey(ctx));
  });

  it("turns caching off with cachePolicy NONE even when a cacheKey is set", () => {
    expect(resolveCacheKeyFn({ cachePolicy: NONE, cacheKey: inputsHash })?.(ctx, ctx.args)).toBeUndefined();
  });
});
