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
// It must be an async function with nothing to await: that is the case being measured.
// eslint-disable-next-line @typescript-eslint/require-await
export async function noop(i: number): Promise<number> {
  return i;
}
