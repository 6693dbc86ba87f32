/**
 * The work pools and their queue and worker counts, shared by the pools list and the
 * dashboard (same query keys, so one cache). Worker status changes with heartbeats, not
 * with run events, so these refresh on a timer too.
 *
 * The counts of the pools shown (at most {@link MAX_SUMMARISED_POOLS}) come from one
 * `POST /work_pools/summaries` request, in one query refreshed on a timer only.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { post } from "../../api/client.js";
import type { WorkPool, WorkPoolSummary } from "../../api/types.js";
import type { PoolSummary } from "./pool-summary.js";

/** Pools beyond this many get no queue and worker counts. */
export const MAX_SUMMARISED_POOLS = 50;

const REFRESH_MS = 30_000;

/** The work pools (up to 200, by name). */
export function usePoolList() {
  return useQuery({
    queryKey: ["work-pools", "list"],
    queryFn: ({ signal }) => post<WorkPool[]>("/work_pools/filter", { limit: 200 }, signal),
    refetchInterval: REFRESH_MS,
  });
}

async function readSummaries(
  names: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, PoolSummary>> {
  if (names.length === 0) return new Map();
  const summaries = await post<WorkPoolSummary[]>("/work_pools/summaries", { names }, signal);
  return new Map(summaries.map(({ name, ...counts }) => [name, counts]));
}

/** Queue and worker counts of `pools` (the first {@link MAX_SUMMARISED_POOLS}). */
export function usePoolSummaries(pools: readonly WorkPool[] | undefined) {
  const names = (pools ?? []).slice(0, MAX_SUMMARISED_POOLS).map((p) => p.name);
  return useQuery({
    // Not under "work-pools": run events (which refresh that root) change no counts here.
    queryKey: ["pool-summaries", names],
    queryFn: ({ signal }) => readSummaries(names, signal),
    enabled: pools !== undefined,
    refetchInterval: REFRESH_MS,
  });
}
