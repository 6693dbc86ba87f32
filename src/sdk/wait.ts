/**
 * `wait()` and `asCompleted()`: working with many futures.
 *
 * @module
 */
import type { TaskFuture } from "../engine/future.js";

/** Futures split by whether they finished within the timeout. */
export interface DoneAndNotDone<T> {
  readonly done: TaskFuture<T>[];
  readonly notDone: TaskFuture<T>[];
}

/**
 * Waits for futures to finish (all of them, or until `timeoutSeconds`). Never throws for a
 * task failure.
 *
 * @example
 * ```ts
 * const { done, notDone } = await wait(futures, { timeoutSeconds: 30 });
 * ```
 */
export async function wait<T>(
  futures: readonly TaskFuture<T>[],
  options: { timeoutSeconds?: number } = {},
): Promise<DoneAndNotDone<T>> {
  const all = Promise.all(futures.map((f) => f.outcome()));
  if (options.timeoutSeconds === undefined) {
    await all;
  } else {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      all,
      new Promise((resolve) => (timer = setTimeout(resolve, options.timeoutSeconds! * 1000))),
    ]);
    clearTimeout(timer);
  }
  const done: TaskFuture<T>[] = [];
  const notDone: TaskFuture<T>[] = [];
  for (const f of futures) (f.settledOutcome() === undefined ? notDone : done).push(f);
  return { done, notDone };
}

/**
 * Yields futures in the order they finish.
 *
 * @example
 * ```ts
 * for await (const f of asCompleted(futures)) console.log((await f.wait()).name);
 * ```
 */
export async function* asCompleted<T>(futures: readonly TaskFuture<T>[]): AsyncGenerator<TaskFuture<T>> {
  const pending = new Map(futures.map((f, i) => [i, f.outcome().then(() => i)]));
  while (pending.size > 0) {
    const i = await Promise.race(pending.values());
    pending.delete(i);
    yield futures[i]!;
  }
}
