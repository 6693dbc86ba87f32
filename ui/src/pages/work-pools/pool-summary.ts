/**
 * Work pool health in numbers: the totals over pools that the dashboard shows. Pure.
 *
 * @module
 */
import type { Worker, WorkPool, WorkPoolSummary, WorkStatus } from "../../api/types.js";

/** A pool's queue count and workers by status. */
export type PoolSummary = Omit<WorkPoolSummary, "name">;

/** Pools by status and workers by status, over all pools. */
export interface PoolHealth {
  readonly pools: Readonly<Record<WorkStatus, number>>;
  readonly workersOnline: number;
  readonly workersOffline: number;
}

/** Totals of `pools` by status, and of their workers (pools without a summary add none). */
export function summarizeHealth(
  pools: readonly Pick<WorkPool, "name" | "status">[],
  summaries: ReadonlyMap<string, PoolSummary>,
): PoolHealth {
  const byStatus: Record<WorkStatus, number> = { READY: 0, NOT_READY: 0, PAUSED: 0 };
  let workersOnline = 0;
  let workersOffline = 0;
  for (const pool of pools) {
    byStatus[pool.status] += 1;
    const summary = summaries.get(pool.name);
    workersOnline += summary?.workersOnline ?? 0;
    workersOffline += summary?.workersOffline ?? 0;
  }
  return { pools: byStatus, workersOnline, workersOffline };
}

/** A pool, queue or worker status in words. */
export function workStatusLabel(status: WorkStatus | Worker["status"]): string {
  switch (status) {
    case "READY":
      return "Ready";
    case "NOT_READY":
      return "Not ready";
    case "PAUSED":
      return "Paused";
    case "ONLINE":
      return "Online";
    case "OFFLINE":
      return "Offline";
  }
}

/** The palette colour of a status: ready/online green, not ready amber, paused slate, offline grey. */
export function workStatusColor(status: WorkStatus | Worker["status"]): string {
  switch (status) {
    case "READY":
    case "ONLINE":
      return "var(--state-completed)";
    case "NOT_READY":
      return "var(--state-late)";
    case "PAUSED":
      return "var(--state-paused)";
    case "OFFLINE":
      return "var(--state-cancelled)";
  }
}

/** "1 pool", "2 pools", "0 workers". */
export function countOf(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}
