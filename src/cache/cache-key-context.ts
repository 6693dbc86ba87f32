/**
 * What a cache key is computed from.
 *
 * @module
 */

/**
 * The facts about one task call that cache keys are computed from.
 *
 * @example
 * ```ts
 * const byTable = (ctx: CacheKeyContext) => `${ctx.taskKey}:${String(ctx.args[0])}`;
 * ```
 */
export interface CacheKeyContext {
  /** The task's identity (stable across processes: its key, usually its name). */
  readonly taskKey: string;
  /** The source text of the task's function (`fn.toString()`). */
  readonly taskSource: string;
  /** The arguments of this call, as the task function receives them. */
  readonly args: readonly unknown[];
  /** The id of the flow run the call belongs to. */
  readonly flowRunId: string;
  /** The (validated) parameters of that flow run. */
  readonly flowParameters: Readonly<Record<string, unknown>>;
}

/**
 * A cache key function, as passed in the task option `cacheKey`: the same key means
 * "the same result"; `undefined` means "do not cache this call".
 *
 * @example
 * ```ts
 * const byUser: CacheKeyFn = (_ctx, [userId]) => `user-profile:${String(userId)}`;
 * ```
 */
export type CacheKeyFn = (ctx: CacheKeyContext, args: readonly unknown[]) => string | undefined;
