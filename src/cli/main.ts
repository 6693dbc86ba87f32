/**
 * The `ordo` command line: `main(process.argv)` is what `bin/ordo.js` calls.
 *
 * @module
 */
import { closeClient } from "../client/get-client.js";
import { loadSettings } from "../settings/load-settings.js";
import { ExitCode, processIo, type CliContext, type CliIo } from "./cli-context.js";
import { createProgram } from "./program.js";
import { reportError } from "./report-error.js";

/**
 * After the command is done, the process exits as soon as nothing keeps it alive; if
 * user code left something running (a timer, a socket), it is ended after this grace.
 */
const EXIT_GRACE_MS = 1000;

/** True when errors should also print their stack (`ORDO_LOGGING_LEVEL=debug`). */
function debugEnabled(): boolean {
  try {
    return loadSettings().ORDO_LOGGING_LEVEL === "debug";
  } catch {
    return false;
  }
}

/**
 * Runs one `ordo` invocation and returns its exit code, without exiting the process:
 * 0 success, 1 failure (a run that did not complete, an unknown id), 2 usage error.
 * Errors are printed as one line on stderr: `error: <message> (<CODE>)`. The process-wide
 * client is closed at the end.
 *
 * @example
 * ```ts
 * const code = await runCli(["node", "ordo", "config", "view", "--json"], io);
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  const ctx: CliContext = { io, exitCode: ExitCode.Ok };
  let code: ExitCode;
  try {
    await createProgram(ctx).parseAsync([...argv]);
    code = ctx.exitCode;
  } catch (error) {
    code = reportError(error, io, debugEnabled());
  }
  try {
    await closeClient();
  } catch (error) {
    const closeCode = reportError(error, io, debugEnabled());
    if (code === ExitCode.Ok) code = closeCode;
  }
  return code;
}

/**
 * The `ordo` executable: runs the command in `argv` (`process.argv`), sets the process's
 * exit code, and makes sure the process ends promptly even if user code left timers or
 * sockets open.
 *
 * @example
 * ```ts
 * // bin/ordo.js
 * import { main } from "../dist/cli/main.js";
 * await main(process.argv);
 * ```
 */
export async function main(argv: string[]): Promise<void> {
  const code = await runCli(argv);
  process.exitCode = code;
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
}
