/**
 * The CLI commands that fill an empty pool list or an idle pool.
 *
 * @module
 */

/** Creates a pool. */
export const CREATE_POOL_COMMAND = "ordo work-pool create default --type process";

/** Starts a worker for `pool`. */
export function startWorkerCommand(pool = "default"): string {
  return `ordo worker start --pool ${pool}`;
}
