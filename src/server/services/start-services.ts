/**
 * The server's background services. Each runs on its own interval, never overlaps itself,
 * and logs (never throws) when a round fails.
 *
 * @module
 */
import * as api from "../../api/index.js";
import type { Store } from "../../store/index.js";
import { startLoop, type Loop } from "./loop.js";
import { retentionRound } from "./retention.js";

/** Intervals of the services, in ms; 0 turns a service off. */
export interface ServiceOptions {
  /** Crash detection: runs whose process is gone are marked Crashed. Default 30 000. */
  readonly crashDetectionIntervalMs?: number | undefined;
  /** For runs of other hosts: no heartbeat for this long means crashed. Default 10 minutes. */
  readonly staleAfterMs?: number | undefined;
  /** Paused runs whose pause timed out are failed (Suspended runs have no process). Default 5 000. */
  readonly pauseTimeoutIntervalMs?: number | undefined;
  /** Retention: how often it runs. Default 3 600 000 (hourly). */
  readonly retentionIntervalMs?: number | undefined;
  /** Retention: finished runs and events older than this are deleted; undefined keeps them. */
  readonly retentionMaxAgeMs?: number | undefined;
  /**
   * Query-planner statistics: refreshed where missing or stale (SQLite; see
   * `store/sqlite/statistics.ts`). Default 3 600 000 (hourly).
   */
  readonly statisticsIntervalMs?: number | undefined;
  /** The scheduler: plans deployments' scheduled runs. Default 60 000. */
  readonly schedulerIntervalMs?: number | undefined;
  /** The late-run marker and stale policies. Default 5 000. */
  readonly lateRunsIntervalMs?: number | undefined;
  /** A Scheduled run this long past its time is Late. Default 15 000. */
  readonly lateAfterMs?: number | undefined;
  /** Concurrency slots: expired leases (of holders that died) are deleted. Default 10 000. */
  readonly leaseReclaimIntervalMs?: number | undefined;
}

/** The running services. */
export interface RunningServices {
  /** Stops every service and waits for rounds in progress. */
  stop(): Promise<void>;
}

/** Starts the services over `store`. */
export function startServices(store: Store, options: ServiceOptions = {}): RunningServices {
  const loops: Loop[] = [];
  const crashEvery = options.crashDetectionIntervalMs ?? 30_000;
  if (crashEvery > 0) {
    loops.push(
      startLoop("crash detection", crashEvery, async () => {
        await api.markCrashedRuns(store, { staleAfterMs: options.staleAfterMs });
      }),
    );
  }
  const schedulerEvery = options.schedulerIntervalMs ?? 60_000;
  if (schedulerEvery > 0) {
    loops.push(
      startLoop("scheduler", schedulerEvery, async () => {
        await api.scheduleDeploymentRuns(store, Date.now());
      }),
    );
  }
  const lateEvery = options.lateRunsIntervalMs ?? 5_000;
  if (lateEvery > 0) {
    loops.push(
      startLoop("late runs", lateEvery, async () => {
        await api.markLateRuns(store, Date.now(), options.lateAfterMs ?? 15_000);
      }),
    );
  }
  const pauseEvery = options.pauseTimeoutIntervalMs ?? 5_000;
  if (pauseEvery > 0) {
    loops.push(
      startLoop("paused-run timeouts", pauseEvery, async () => {
        await api.failExpiredPausedRuns(store, Date.now());
      }),
    );
  }
  const retentionEvery = options.retentionIntervalMs ?? 3_600_000;
  if (retentionEvery > 0) {
    loops.push(
      startLoop("retention", retentionEvery, async () => {
        const report = await retentionRound(store, options.retentionMaxAgeMs, Date.now());
        if (report.flowRuns + report.events > 0) {
          console.error(
            `[ordo server] retention deleted ${report.flowRuns} flow runs and ${report.events} events`,
          );
        }
      }),
    );
  }
  const statisticsEvery = options.statisticsIntervalMs ?? 3_600_000;
  if (statisticsEvery > 0) {
    loops.push(
      startLoop("database statistics", statisticsEvery, async () => {
        const started = performance.now();
        const analyzed = await store.refreshStatistics();
        if (analyzed.length > 0) {
          const ms = Math.round(performance.now() - started);
          console.error(`[ordo server] refreshed the statistics of ${analyzed.length} indexes in ${ms} ms`);
        }
      }),
    );
  }
  const reclaimEvery = options.leaseReclaimIntervalMs ?? 10_000;
  if (reclaimEvery > 0) {
    loops.push(
      startLoop("concurrency lease reclaim", reclaimEvery, async () => {
        await api.reclaimExpiredLeases(store, Date.now());
      }),
    );
  }
  return {
    async stop() {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}
