/**
 * How often a live run's graph is read again: every 3 s for up to 10,000 nodes, then
 * slower in proportion (a 100,000-node graph is 10 pages), never slower than 30 s. State
 * events of the flow run refresh it sooner. Pure.
 *
 * @module
 */

/** Refetch interval (ms) of a live graph of `nodeCount` nodes; `false` once the run is over. */
export function graphRefetchInterval(live: boolean, nodeCount: number): number | false {
  if (!live) return false;
  return Math.min(30_000, Math.max(3_000, Math.round((nodeCount / 10_000) * 3_000)));
}
