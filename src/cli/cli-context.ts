/**
 * What every command receives: where to write, the clock, and the exit code to end with.
 *
 * @module
 */

/** The process's exit codes. */
export const ExitCode = {
  /** The command did what was asked (for runs: the run Completed). */
  Ok: 0,
  /** The command ran but failed: a run ended not Completed, an unknown id, a database error. */
  Failure: 1,
  /** The command was called wrongly: unknown option, malformed --param, bad entrypoint. */
  Usage: 2,
} as const;

/** One of the {@link ExitCode} values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Where the CLI writes. Tests pass their own to capture the output. */
export interface CliIo {
  /** Writes text to standard output, as is. */
  readonly out: (text: string) => void;
  /** Writes text to standard error, as is. */
  readonly err: (text: string) => void;
  /** The current time in ms since the epoch (relative times in tables). */
  readonly now: () => number;
}

/** The state of one CLI invocation, shared by its commands. */
export interface CliContext {
  readonly io: CliIo;
  /** The exit code the invocation ends with, unless an error decides otherwise. */
  exitCode: ExitCode;
}

/**
 * The real process's standard output and error, and the real clock.
 *
 * @example
 * ```ts
 * const code = await runCli(process.argv, processIo());
 * ```
 */
export function processIo(): CliIo {
  ignoreClosedPipes();
  // Bound now, so output stays on stdout while flow output is redirected (withStdoutToStderr).
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  return {
    out: (text) => void writeOut(text),
    err: (text) => void writeErr(text),
    now: () => Date.now(),
  };
}

let pipesWatched = false;

/**
 * Output to a reader that went away (`ordo flow-run ls | head -3`) is dropped: the
 * command goes on (a flow it runs ends normally) instead of dying of an `EPIPE` error.
 */
function ignoreClosedPipes(): void {
  if (pipesWatched) return;
  pipesWatched = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
}
