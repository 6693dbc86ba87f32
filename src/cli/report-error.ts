/**
 * Turning errors into one line on stderr and an exit code; never a stack trace (unless
 * `ORDO_LOGGING_LEVEL=debug`).
 *
 * @module
 */
import { CommanderError } from "commander";
import { isOrdoError, type ErrorCode } from "../errors/ordo-error.js";
import { ExitCode, type CliIo } from "./cli-context.js";

/** Codes that mean "the command was called wrongly": exit code 2. */
const USAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "ORDO_INVALID_INPUT",
  "ORDO_INVALID_ENTRYPOINT",
  "ORDO_INVALID_PARAMETERS",
  "ORDO_INVALID_SETTING",
  "ORDO_UNKNOWN_SETTING",
  "ORDO_INVALID_PROFILES_FILE",
  "ORDO_PROFILE_NOT_FOUND",
  "ORDO_PROFILE_EXISTS",
  "ORDO_PROFILE_ACTIVE",
]);

/** Collapses a message to one line. */
function oneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .join(" ");
}

/** The error line and exit code for an error, or `undefined` for commander's help/version exits. */
export interface ErrorReport {
  /** `error: <message> (<CODE>)`, without newline; `undefined` when nothing is to be printed. */
  readonly line: string | undefined;
  readonly exitCode: ExitCode;
}

/**
 * Classifies an error thrown by a command: Ordo errors print their message and code
 * (usage codes exit 2, others 1); commander's parse errors print as usage errors;
 * anything else prints its message and exits 1.
 *
 * @example
 * ```ts
 * describeError(new OrdoError("ORDO_NOT_FOUND", "flow run x not found"));
 * // { line: "error: flow run x not found (ORDO_NOT_FOUND)", exitCode: 1 }
 * ```
 */
export function describeError(error: unknown): ErrorReport {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version") {
      return { line: undefined, exitCode: ExitCode.Ok };
    }
    // Help printed because a command group was called without a subcommand.
    if (error.code === "commander.help") return { line: undefined, exitCode: ExitCode.Usage };
    const message = oneLine(error.message).replace(/^error:\s*/, "");
    return { line: `error: ${message} (ORDO_INVALID_INPUT)`, exitCode: ExitCode.Usage };
  }
  if (isOrdoError(error)) {
    return {
      line: `error: ${oneLine(error.message)} (${error.code})`,
      exitCode: USAGE_CODES.has(error.code) ? ExitCode.Usage : ExitCode.Failure,
    };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { line: `error: ${oneLine(message)}`, exitCode: ExitCode.Failure };
}

/**
 * Writes the one-line report of `error` to stderr (and its stack when `debug` is true)
 * and returns the exit code.
 *
 * @example
 * ```ts
 * catch (error) { return reportError(error, io, false); }
 * ```
 */
export function reportError(error: unknown, io: CliIo, debug: boolean): ExitCode {
  const { line, exitCode } = describeError(error);
  if (line !== undefined) io.err(`${line}\n`);
  if (debug && line !== undefined && error instanceof Error && error.stack !== undefined)
    io.err(`${error.stack}\n`);
  return exitCode;
}
