/**
 * A flow run's counters and times across a state change: pure bookkeeping.
 *
 * - entering RUNNING (except when resuming from PAUSED) counts one more run, and the first
 *   time sets the start time;
 * - entering Suspended from RUNNING counts one more suspension: that attempt goes on
 *   later in a new process, entering RUNNING again without using up a retry;
 * - leaving RUNNING adds the time spent running to the total run time;
 * - entering a final state sets the end time; leaving one (a re-run) clears it.
 *
 * Durations use the states' own timestamps, so they measure the run, not the request.
 *
 * @module
 */
import { StateType, isTerminalType, type StateData } from "../states/index.js";

/** A run's counters and times. */
export interface RunTimes {
  readonly runCount: number;
  readonly suspensions: number;
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  readonly totalRunTimeMs: number;
}

/** The counters and times before a change, as a flow run carries them. */
export interface RunTimesBefore {
  readonly runCount: number;
  readonly suspensions?: number | undefined;
  readonly startTime?: number | undefined;
  readonly endTime?: number | undefined;
  readonly totalRunTimeMs: number;
}

/** The counters and times after moving from `from` (undefined for a new run) to `to`. */
export function runTimesAfter(before: RunTimesBefore, from: StateData | undefined, to: StateData): RunTimes {
  const entersRunning = to.type === StateType.RUNNING && from?.type !== StateType.RUNNING;
  const resumes = from?.type === StateType.PAUSED;
  const leavesRunning = from?.type === StateType.RUNNING && to.type !== StateType.RUNNING;
  const suspends =
    from?.type === StateType.RUNNING && to.type === StateType.PAUSED && to.name === "Suspended";
  let endTime = before.endTime;
  if (isTerminalType(to.type)) endTime = to.timestamp;
  else if (from !== undefined && isTerminalType(from.type)) endTime = undefined;
  return {
    runCount: entersRunning && !resumes ? before.runCount + 1 : before.runCount,
    suspensions: (before.suspensions ?? 0) + (suspends ? 1 : 0),
    startTime: before.startTime ?? (to.type === StateType.RUNNING ? to.timestamp : undefined),
    endTime,
    totalRunTimeMs:
      leavesRunning && from !== undefined
        ? before.totalRunTimeMs + Math.max(0, to.timestamp - from.timestamp)
        : before.totalRunTimeMs,
  };
}
