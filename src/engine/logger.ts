/**
 * Run loggers: log lines of a flow run or task run go to the console (readable,
 * coloured on a terminal) and to the store through the run recorder.
 *
 * @module
 */
import { format } from "node:util";
import { LogLevel, type LogLevelName } from "../schemas/log.js";
import type { RunRecorder } from "./recorder.js";

/** The logger of a flow run or task run. */
export interface RunLogger {
  debug(message: unknown, ...args: unknown[]): void;
  info(message: unknown, ...args: unknown[]): void;
  warning(message: unknown, ...args: unknown[]): void;
  /** Same as {@link RunLogger.warning}. */
  warn(message: unknown, ...args: unknown[]): void;
  error(message: unknown, ...args: unknown[]): void;
  critical(message: unknown, ...args: unknown[]): void;
  /** Logs at a numeric level. */
  log(level: number, message: unknown, ...args: unknown[]): void;
}

/** The console methods as they were before Ordo captured prints. */
export const originalConsole = {
  log: console.log.bind(console),
  info: console.info.bind(console),
  warn: console.warn.bind(console),
  error: console.error.bind(console),
  debug: console.debug.bind(console),
};

const LEVEL_NAMES = new Map<number, string>(
  (Object.entries(LogLevel) as [LogLevelName, number][]).map(([name, value]) => [value, name.toUpperCase()]),
);
const COLORS: Record<string, string> = {
  DEBUG: "\x1b[90m",
  INFO: "\x1b[36m",
  WARNING: "\x1b[33m",
  ERROR: "\x1b[31m",
  CRITICAL: "\x1b[1;31m",
};
const RESET = "\x1b[0m";

/** The name of a numeric level: 20 → `INFO`. */
export function levelName(level: number): string {
  return LEVEL_NAMES.get(level) ?? `LEVEL${level}`;
}

function clock(timestamp: number): string {
  const d = new Date(timestamp);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}:${String(d.getSeconds()).padStart(2, "0")}.${String(d.getMilliseconds()).padStart(3, "0")}`;
}

/** Formats a log line for the console: `12:00:01.234 | INFO    | Task run 'x' - message`. */
export function formatConsoleLine(
  level: number,
  name: string,
  message: string,
  timestamp: number,
  colors: boolean,
): string {
  const label = levelName(level).padEnd(8);
  const head = `${clock(timestamp)} | ${colors ? (COLORS[label.trim()] ?? "") + label + RESET : label}`;
  return `${head} | ${name} - ${message}`;
}

/** Where a run logger sends its lines. */
export interface RunLoggerTarget {
  readonly recorder: RunRecorder;
  readonly flowRunId: string;
  readonly taskRunId?: string | undefined;
  /** Shown on the console: `Flow run 'etl-abc'` or `Task run 'extract-0'`. */
  readonly displayName: string;
  /** The minimum level written to console and store. */
  readonly level: number;
  readonly colors: boolean;
  /** False once the run has ended: lines are dropped and `onDropped` is called. */
  readonly isOpen?: (() => boolean) | undefined;
  readonly onDropped?: (() => void) | undefined;
}

/** Creates the logger of one run. */
export function createRunLogger(target: RunLoggerTarget): RunLogger {
  const log = (level: number, message: unknown, ...args: unknown[]): void => {
    if (level < target.level) return;
    if (target.isOpen !== undefined && !target.isOpen()) {
      target.onDropped?.();
      return;
    }
    const text = typeof message === "string" && args.length === 0 ? message : format(message, ...args);
    const timestamp = Date.now();
    const line = formatConsoleLine(level, target.displayName, text, timestamp, target.colors);
    // Like Prefect's console handler: log lines go to stderr, so stdout stays the program's.
    originalConsole.error(line);
    target.recorder.log({
      flowRunId: target.flowRunId,
      taskRunId: target.taskRunId,
      level,
      name: target.taskRunId === undefined ? "ordo.flow_runs" : "ordo.task_runs",
      message: text,
      timestamp,
    });
  };
  return loggerOf(log);
}

/** A {@link RunLogger} whose level methods all call `log`. */
export function loggerOf(log: RunLogger["log"]): RunLogger {
  return {
    log,
    debug: (m, ...a) => log(LogLevel.debug, m, ...a),
    info: (m, ...a) => log(LogLevel.info, m, ...a),
    warning: (m, ...a) => log(LogLevel.warning, m, ...a),
    warn: (m, ...a) => log(LogLevel.warning, m, ...a),
    error: (m, ...a) => log(LogLevel.error, m, ...a),
    critical: (m, ...a) => log(LogLevel.critical, m, ...a),
  };
}
