/**
 * The tracked cases: no-op Ordo tasks in one flow run, mapped or awaited one by one.
 *
 * Every case runs a whole flow call, so a measurement includes creating the flow run, its
 * state changes, and the run recorder's final flush (the batched task-run writes).
 *
 * @module
 */
import { noop as noopFn } from "../shared/noop.js";
import type { OrdoSdk } from "../shared/ordo.js";

/** The flows the engine benchmark runs; each resolves to the number of tasks it ran. */
export interface TrackedCases {
  /** `noop.map(range(n))`, then awaits every result. */
  readonly mapped: (n: number) => Promise<number>;
  /** Same as {@link TrackedCases.mapped} with `cacheResultInMemory: false`. */
  readonly mappedLean: (n: number) => Promise<number>;
  /** `for (i < n) await noop(i)`. */
  readonly sequential: (n: number) => Promise<number>;
  /** {@link TrackedCases.sequential} in a flow with `durability: "sync"`. */
  readonly sequentialSync: (n: number) => Promise<number>;
  /** A flow run with no task: the fixed cost of a flow call. */
  readonly empty: () => Promise<number>;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * Defines the benchmark's tasks and flows with `sdk`.
 *
 * @example
 * ```ts
 * const cases = trackedCases(ordo.sdk);
 * await cases.mapped(10_000);
 * ```
 */
export function trackedCases(sdk: OrdoSdk): TrackedCases {
  const { flow, task } = sdk;
  const noop = task({ name: "noop" }, noopFn);
  const noopLean = task({ name: "noop-lean", cacheResultInMemory: false }, noopFn);

  const mapped = flow({ name: "bench-mapped" }, async ({ n }: { n: number }) => {
    const values = await Promise.all(noop.map(range(n)).map((f) => f.result()));
    return values.length;
  });
  const mappedLean = flow({ name: "bench-mapped-lean" }, async ({ n }: { n: number }) => {
    const values = await Promise.all(noopLean.map(range(n)).map((f) => f.result()));
    return values.length;
  });
  const sequentialBody = async ({ n }: { n: number }) => {
    let done = 0;
    for (let i = 0; i < n; i++) done += (await noop(i)) === i ? 1 : 0;
    return done;
  };
  const sequential = flow({ name: "bench-sequential" }, sequentialBody);
  const sequentialSync = flow({ name: "bench-sequential-sync", durability: "sync" }, sequentialBody);
  const empty = flow({ name: "bench-empty" }, () => noopFn(0));

  return {
    mapped: (n) => mapped({ n }),
    mappedLean: (n) => mappedLean({ n }),
    sequential: (n) => sequential({ n }),
    sequentialSync: (n) => sequentialSync({ n }),
    empty: () => empty(),
  };
}
