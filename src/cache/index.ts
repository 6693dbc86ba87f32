/**
 * Task caching: cache keys, cache policies and expiration.
 *
 * A task caches only when asked (`cacheKey` or `cachePolicy`). Before it runs, the
 * engine computes the call's key; a completed, unexpired result under the same key is
 * returned as a `Cached` state without running the task. See docs/caching.md.
 *
 * @module
 */
export type { CacheKeyContext, CacheKeyFn } from "./cache-key-context.js";
export { CachePolicy, type CacheKeyPart } from "./cache-policy.js";
export { INPUTS, TASK_SOURCE, FLOW_PARAMETERS, RUN_ID, NONE } from "./cache-policies.js";
export { resolveCacheKeyFn, type CacheKeyOptions } from "./resolve-cache-key-fn.js";
export { combineCacheKey, CACHE_KEY_VERSION, type CacheKeyPartValue } from "./cache-key.js";
export { cacheExpiresAt } from "./cache-expiration.js";
export { inputsHash } from "../hashing/inputs-hash.js";
