/**
 * The no-op every benchmark runs as its task or step body.
 *
 * @module
 */

/**
 * An async function that returns its argument: the work of every benchmarked task, step
 * and untracked call, so that what is measured is the machinery around it.
 *
 * @example
 * ```ts
 * const t = task({ name: "noop" }, noop);
 * ```
 */
export async function noop(i: number): Promise<number> {
  return i;
}
