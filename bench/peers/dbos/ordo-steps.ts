/**
 * The Ordo side: one flow run of N sequential awaited no-op tasks, with the default
 * batched durability and with `durability: "sync"`.
 *
 * @module
 */
import { noop as noopFn } from "../../shared/noop.js";
import type { OrdoSdk } from "../../shared/ordo.js";

/** The two Ordo flows; each resolves to the number of tasks it ran. */
export interface OrdoSteps {
  readonly batched: (n: number) => Promise<number>;
  readonly sync: (n: number) => Promise<number>;
}

/**
 * Defines the flows with `sdk`.
 *
 * @example
 * ```ts
 * const ordoSteps = defineOrdoSteps(ordo.sdk);
 * await ordoSteps.batched(1000);
 * ```
 */
export function defineOrdoSteps(sdk: OrdoSdk): OrdoSteps {
  const noop = sdk.task({ name: "noop" }, noopFn);
  const body = async ({ n }: { n: number }) => {
    let done = 0;
    for (let i = 0; i < n; i++) done += (await noop(i)) === i ? 1 : 0;
    return done;
  };
  const batched = sdk.flow({ name: "peer-sequential" }, body);
  const sync = sdk.flow({ name: "peer-sequential-sync", durability: "sync" }, body);
  return { batched: (n) => batched({ n }), sync: (n) => sync({ n }) };
}
