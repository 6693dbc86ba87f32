/**
 * How a policy's parts become one cache key.
 *
 * @module
 */
import { sha256Hex } from "../hashing/hash-value.js";

/**
 * Changes when the way keys are computed changes, so old cache entries stop matching.
 *
 * @example
 * ```ts
 * CACHE_KEY_VERSION; // "ordo.cache.v1"
 * ```
 */
export const CACHE_KEY_VERSION = "ordo.cache.v1";

/**
 * One named contribution to a cache key, e.g. `["inputs", <canonical text of the args>]`.
 *
 * @example
 * ```ts
 * const part: CacheKeyPartValue = ["run_id", ctx.flowRunId];
 * ```
 */
export type CacheKeyPartValue = readonly [name: string, value: string];

/**
 * The cache key of a task from its parts: the SHA-256 (64 hex digits) of
 *
 * ```text
 * ordo.cache.v1
 * task:<length>:<taskKey>
 * <name>:<length>:<value>      (one line per part, in the order given: sorted by name)
 * ```
 *
 * Lengths make the text unambiguous whatever the values contain. The task key is always
 * part of the key, so two tasks never share a cached result by accident.
 *
 * @example
 * ```ts
 * combineCacheKey("fetch-rows", [["inputs", '["users"]']]); // "3f1c…" (64 hex digits)
 * ```
 */
export function combineCacheKey(taskKey: string, parts: readonly CacheKeyPartValue[]): string {
  let text = `${CACHE_KEY_VERSION}\ntask:${taskKey.length}:${taskKey}`;
  for (const [name, value] of parts) text += `\n${name}:${value.length}:${value}`;
  return sha256Hex(text);
}
