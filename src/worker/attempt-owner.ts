/**
 * Whose attempt a run is in: when a run's process exits, its worker marks the run Crashed
 * only if the run is still in the attempt that process was started for. A run may have
 * moved on meanwhile — suspended and resumed, or put back in its queue by crash detection
 * — and been claimed again, for another process.
 *
 * @module
 */
import type { FlowRun } from "../schemas/index.js";

/** The process a worker started for a claimed run. */
export interface AttemptProcess {
  readonly host: string;
  readonly pid: number | undefined;
  /** Started through a job's shell `command`: the run records a process below it. */
  readonly viaCommand: boolean;
}

/**
 * True when `run` (read now) is still in the attempt that `claimed` (the run as the claim
 * answered it) started in `process`: it records that process, or no process yet and
 * still the claim's own state. False once the run was suspended since the claim, or
 * records another process, or was claimed again.
 *
 * @example
 * ```ts
 * if (isAttemptOf(await client.readFlowRun(id), claimed.flowRun, { host, pid, viaCommand: false })) markCrashed();
 * ```
 */
export function isAttemptOf(run: FlowRun, claimed: FlowRun, process: AttemptProcess): boolean {
  if ((run.suspensions ?? 0) > (claimed.suspensions ?? 0)) return false;
  if (run.pid === undefined) {
    return run.state.name === claimed.state.name && run.state.timestamp === claimed.state.timestamp;
  }
  if (process.viaCommand) return true;
  return run.host === process.host && run.pid === process.pid;
}
