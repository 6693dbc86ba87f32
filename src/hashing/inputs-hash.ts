/**
 * `inputsHash`: the ready-made cache key function.
 *
 * @module
 */
import type { CacheKeyContext } from "../cache/cache-key-context.js";
import { combineCacheKey } from "../cache/cache-key.js";
import { canonicalize } from "./canonicalize.js";

/**
 * A cache key from the task and its arguments, by value: the same task called with
 * equal arguments (see `canonicalize`: key order aside, types distinct) gets the same
 * key. It equals the key of the `INPUTS` cache policy. The task key is part of it, so
 * two tasks called with the same arguments do not share results.
 *
 * Costs a few microseconds for small arguments (one canonical walk, one SHA-256).
 *
 * @throws OrdoError `ORDO_UNHASHABLE_INPUT` when an argument is not data (a client, a
 *   function, a cycle); the message names it, e.g. `args[1].client`.
 *
 * @example
 * ```ts
 * const fetchRows = task({ name: "fetch-rows", cacheKey: inputsHash, cacheExpirationSeconds: 3600 }, fetch);
 * ```
 */
export function inputsHash(ctx: CacheKeyContext, args: readonly unknown[]): string {
  return combineCacheKey(ctx.taskKey, [["inputs", canonicalize(args, "args")]]);
}
