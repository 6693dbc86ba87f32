/**
 * From a task's cache options to the one function the engine calls.
 *
 * @module
 */
import type { CacheKeyFn } from "./cache-key-context.js";
import { CachePolicy } from "./cache-policy.js";

/**
 * A task's cache options, as far as the key is concerned.
 *
 * @example
 * ```ts
 * const options: CacheKeyOptions = { cacheKey: inputsHash };
 * ```
 */
export interface CacheKeyOptions {
  /** A cache key function, e.g. `inputsHash`. */
  readonly cacheKey?: CacheKeyFn | undefined;
  /** A cache policy, e.g. `INPUTS.and(TASK_SOURCE)`. */
  readonly cachePolicy?: CachePolicy | undefined;
}

const combined = new WeakMap<CachePolicy, WeakMap<CacheKeyFn, CacheKeyFn>>();

function combine(policy: CachePolicy, cacheKey: CacheKeyFn): CacheKeyFn {
  let byFn = combined.get(policy);
  if (byFn === undefined) combined.set(policy, (byFn = new WeakMap()));
  let fn = byFn.get(cacheKey);
  if (fn === undefined) {
    fn = policy.and(CachePolicy.custom("cache_key", (ctx) => cacheKey(ctx, ctx.args))).keyFn;
    byFn.set(cacheKey, fn);
  }
  return fn;
}

/**
 * The cache key function for a task, or `undefined` when the task does not cache.
 * Caching is explicit: no option, no caching.
 *
 * - only `cacheKey`: that function, unchanged (its keys are used as they are, so two
 *   tasks may share results on purpose by returning the same key);
 * - only `cachePolicy`: the policy's `keyFn`;
 * - both: the policy combined with a `cache_key` part computed by the function; in
 *   particular `cachePolicy: NONE` turns caching off even when a `cacheKey` is set.
 *
 * The returned function is the same object for the same options, so calling this per
 * task call costs nothing.
 *
 * @example
 * ```ts
 * const keyFn = resolveCacheKeyFn({ cachePolicy: INPUTS });
 * const key = keyFn?.(ctx, ctx.args); // undefined: do not cache this call
 * ```
 */
export function resolveCacheKeyFn(options: CacheKeyOptions): CacheKeyFn | undefined {
  const { cacheKey, cachePolicy } = options;
  if (cachePolicy === undefined) return cacheKey;
  if (cacheKey === undefined) return cachePolicy.keyFn;
  return combine(cachePolicy, cacheKey);
}
