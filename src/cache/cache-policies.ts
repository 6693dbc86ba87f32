/**
 * The preset cache policies.
 *
 * @module
 */
import { canonicalize } from "../hashing/canonicalize.js";
import { CachePolicy } from "./cache-policy.js";

/**
 * The key depends on the call's arguments, by value (see `canonicalize`). The same key as
 * `cacheKey: inputsHash`.
 *
 * @example
 * ```ts
 * const square = task({ name: "square", cachePolicy: INPUTS }, async (n: number) => n * n);
 * ```
 */
export const INPUTS: CachePolicy = CachePolicy.custom("inputs", (ctx) => canonicalize(ctx.args, "args"));

/**
 * The key depends on the task function's source text: editing the code invalidates the cache.
 *
 * @example
 * ```ts
 * const t = task({ name: "report", cachePolicy: INPUTS.and(TASK_SOURCE) }, buildReport);
 * ```
 */
export const TASK_SOURCE: CachePolicy = CachePolicy.custom("task_source", (ctx) => ctx.taskSource);

/**
 * The key depends on the parameters of the flow run the call belongs to.
 *
 * @example
 * ```ts
 * const t = task({ name: "load-config", cachePolicy: FLOW_PARAMETERS }, loadConfig);
 * ```
 */
export const FLOW_PARAMETERS: CachePolicy = CachePolicy.custom("flow_parameters", (ctx) =>
  canonicalize(ctx.flowParameters, "flowParameters"),
);

/**
 * The key depends on the flow run id: results are reused within one flow run (and its
 * retries), never across runs.
 *
 * @example
 * ```ts
 * const t = task({ name: "token", cachePolicy: RUN_ID }, fetchToken); // once per flow run
 * ```
 */
export const RUN_ID: CachePolicy = CachePolicy.custom("run_id", (ctx) => ctx.flowRunId);

/**
 * No key, no caching. Combined with any other policy, the combination does not cache either.
 *
 * @example
 * ```ts
 * const fresh = cachedTask.with({ cachePolicy: NONE });
 * ```
 */
export const NONE: CachePolicy = CachePolicy.custom("none", () => undefined);
