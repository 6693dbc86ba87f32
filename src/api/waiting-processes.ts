/**
 * The waiting processes a claimer offers with its claim (warm children, loaded and
 * waiting for a run): which claimed run may start in which of them. A process takes the
 * run only when it was started for the same entrypoint, path and job (command,
 * environment, folder) as the run needs, and each process takes at most one run.
 * Pure: no I/O.
 *
 * @module
 */
import type { JobConfiguration, WaitingProcess } from "../schemas/index.js";

/** What a claimed run needs from the process that runs it. */
export interface RunNeeds {
  readonly entrypoint: string;
  readonly path: string | undefined;
  readonly job: JobConfiguration;
}

function sameJob(a: JobConfiguration, b: JobConfiguration): boolean {
  if (a.command !== b.command || a.workingDir !== b.workingDir) return false;
  const aKeys = Object.keys(a.env);
  if (aKeys.length !== Object.keys(b.env).length) return false;
  return aKeys.every((key) => Object.hasOwn(b.env, key) && b.env[key] === a.env[key]);
}

/** Whether `waiting` was started for what `needs` describes. */
export function fitsRun(waiting: WaitingProcess, needs: RunNeeds): boolean {
  return (
    waiting.job.command === undefined &&
    waiting.entrypoint === needs.entrypoint &&
    waiting.path === needs.path &&
    sameJob(waiting.job, needs.job)
  );
}

/** The waiting processes of one claim, each given to at most one run. */
export class WaitingProcesses {
  readonly #free: WaitingProcess[];

  constructor(processes: readonly WaitingProcess[] | undefined) {
    this.#free = [...(processes ?? [])];
  }

  /** The first free process that fits `needs`, taken out of the free ones; undefined when none fits. */
  take(needs: RunNeeds): WaitingProcess | undefined {
    const index = this.#free.findIndex((waiting) => fitsRun(waiting, needs));
    if (index < 0) return undefined;
    return this.#free.splice(index, 1)[0];
  }

  /** Gives a process back (its run could not be started in it). */
  giveBack(waiting: WaitingProcess): void {
    this.#free.push(waiting);
  }
}
