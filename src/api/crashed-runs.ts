/**
 * Crash detection: flow runs whose process is gone are marked Crashed, with their
 * unfinished task runs.
 *
 * A run is gone when it ran on this host and its process no longer exists, or when it
 * ran elsewhere (or without a known pid) and has not sent a heartbeat for the stale limit.
 * Runs of the current process are never marked. Runs that record no host are never read.
 *
 * The runs are read a page at a time (keyset by id, only the columns that tell whether the
 * process lives), with a turn of the event loop between pages, so that a server with many
 * unfinished runs keeps answering while it checks them.
 *
 * @module
 */
import { hostname } from "node:os";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { FlowRun } from "../schemas/index.js";
import { FLOW_RULES, StateType, applyRules, type StateData } from "../states/index.js";
import type { FlowRunTransition, HostedFlowRun, Store } from "../store/index.js";
import { isProcessAlive } from "./process-liveness.js";
import { runTimesAfter } from "./run-times.js";
import { retryCrashedDeploymentRun } from "./flow-run-state.js";

/** Options of {@link markCrashedRuns}. */
export interface MarkCrashedRunsOptions {
  /** For runs of other hosts: no heartbeat for this long means crashed. Default 10 minutes. */
  readonly staleAfterMs?: number | undefined;
  /** Runs read at a time. Default {@link CRASH_CHECK_PAGE_SIZE}. */
  readonly pageSize?: number | undefined;
}

/** The default stale limit: 10 minutes. */
export const DEFAULT_STALE_AFTER_MS = 10 * 60_000;

/** Runs crash detection reads at a time. */
export const CRASH_CHECK_PAGE_SIZE = 200;

const UNFINISHED: readonly StateType[] = [StateType.PENDING, StateType.RUNNING, StateType.CANCELLING];

/** Why `run` counts as crashed, or undefined when it may still be alive. */
export function crashReason(
  run: Pick<HostedFlowRun, "pid" | "heartbeatAt" | "updatedAt"> & { readonly host: string | undefined },
  here: { readonly host: string; readonly pid: number },
  now: number,
  staleAfterMs: number,
): string | undefined {
  if (run.host === undefined) return undefined;
  if (run.host === here.host && run.pid !== undefined) {
    if (run.pid === here.pid) return undefined;
    return isProcessAlive(run.pid) ? undefined : `process ${run.pid} on host ${run.host} is gone`;
  }
  const lastSign = run.heartbeatAt ?? run.updatedAt;
  const silentMs = now - lastSign;
  if (silentMs <= staleAfterMs) return undefined;
  const who = run.pid === undefined ? `host ${run.host}` : `process ${run.pid} on host ${run.host}`;
  return `no heartbeat from ${who} for ${Math.round(silentMs / 1000)} s (limit ${Math.round(staleAfterMs / 1000)} s)`;
}

function decideCrash(
  seen: HostedFlowRun,
  run: FlowRun,
  crashed: StateData,
  now: number,
): FlowRunTransition<boolean> {
  // The run moved on since it was read (another process picked it up): leave it alone.
  if (run.host !== seen.host || run.pid !== seen.pid || !UNFINISHED.includes(run.state.type))
    return { outcome: false };
  const decision = applyRules(FLOW_RULES, {
    initial: run.state,
    proposed: crashed,
    now,
    run: { runCount: run.runCount, retries: run.retries, retryDelayMs: () => 0 },
    retryable: false,
  });
  if (decision.kind !== "accept") return { outcome: false };
  return {
    outcome: true,
    write: {
      state: decision.state,
      ...runTimesAfter(run, run.state, decision.state),
      updatedAt: now,
      unfinishedTaskRunsState: decision.state,
    },
  };
}

/**
 * Marks Crashed the flow runs in PENDING, RUNNING or CANCELLING whose process is gone
 * (see the module notes), each with a state-history row, and their task runs still
 * SCHEDULED, PENDING or RUNNING too; a deployment's run with retries left then goes back
 * to its queue as AwaitingRetry. Returns the ids of the flow runs it marked.
 *
 * @example
 * ```ts
 * const crashed = await markCrashedRuns(store); // e.g. when the store is opened
 * ```
 */
export async function markCrashedRuns(store: Store, options: MarkCrashedRunsOptions = {}): Promise<string[]> {
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const pageSize = options.pageSize ?? CRASH_CHECK_PAGE_SIZE;
  const here = { host: hostname(), pid: process.pid };
  const now = Date.now();
  const marked: string[] = [];
  for (const stateType of UNFINISHED) {
    let afterId: string | undefined;
    for (;;) {
      const page = await store.readHostedFlowRuns({ stateType, afterId, limit: pageSize });
      for (const seen of page) {
        if (await markCrashed(store, seen, here, now, staleAfterMs)) marked.push(seen.id);
      }
      afterId = page.at(-1)?.id;
      if (page.length < pageSize || afterId === undefined) break;
      await yieldToLoop(); // let requests in between pages
    }
  }
  return marked;
}

/** Marks `seen` Crashed when its process is gone; true when it did. */
async function markCrashed(
  store: Store,
  seen: HostedFlowRun,
  here: { readonly host: string; readonly pid: number },
  now: number,
  staleAfterMs: number,
): Promise<boolean> {
  const reason = crashReason(seen, here, now, staleAfterMs);
  if (reason === undefined) return false;
  const crashed: StateData = { type: StateType.CRASHED, name: "Crashed", timestamp: now, message: reason };
  const done = await store.transitionFlowRun(seen.id, (run) => decideCrash(seen, run, crashed, now));
  if (done !== true) return false;
  await retryCrashedDeploymentRun(store, seen.id, now);
  return true;
}
