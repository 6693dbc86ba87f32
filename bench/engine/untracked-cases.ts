/**
 * The untracked cases: the same no-op work as plain async calls, without Ordo.
 *
 * @module
 */
import { noop } from "../shared/noop.js";

/** `Promise.all` over `n` calls of an async no-op; resolves to the count of values. */
export async function untrackedParallel(n: number): Promise<number> {
  const values = await Promise.all(Array.from({ length: n }, (_, i) => i).map((i) => noop(i)));
  return values.length;
}

/** `n` awaited calls of an async no-op, one after another. */
export async function untrackedSequential(n: number): Promise<number> {
  let done = 0;
  for (let i = 0; i < n; i++) done += (await noop(i)) === i ? 1 : 0;
  return done;
}
