/**
 * Log lines for people: level names, the level and text filters, merging loaded and live
 * lines, and the downloadable `.log` text. Pure, tested in ui/test/flow-run.
 *
 * @module
 */
import type { LogRecord } from "../../api/types.js";

/** The levels offered by the level filter, lowest first. */
export const LOG_LEVELS = [
  { name: "debug", value: 10 },
  { name: "info", value: 20 },
  { name: "warning", value: 30 },
  { name: "error", value: 40 },
] as const;

/** A level filter name. */
export type LogLevelName = (typeof LOG_LEVELS)[number]["name"];

/** The name of a numeric level: 20 → "INFO", 35 → "WARNING", 50 → "CRITICAL". */
export function levelName(level: number): string {
  if (level >= 50) return "CRITICAL";
  if (level >= 40) return "ERROR";
  if (level >= 30) return "WARNING";
  if (level >= 20) return "INFO";
  if (level >= 10) return "DEBUG";
  return "TRACE";
}

/** The lowest level a filter name keeps (unknown names keep everything). */
export function minLevelOf(name: string | null | undefined): number {
  return LOG_LEVELS.find((l) => l.name === name)?.value ?? 0;
}

/** What the log view shows of the lines it loaded. */
export interface LogLineFilter {
  /** Lines below this level are hidden. */
  readonly minLevel: number;
  /** Lines whose message or logger contains this text (case-insensitive) are kept. */
  readonly search: string;
}

/** The lines `filter` keeps, in their order. Returns `lines` itself when nothing is filtered. */
export function filterLogLines<T extends LogRecord>(
  lines: readonly T[],
  filter: LogLineFilter,
  loggerOf: (line: T) => string = (line) => line.name,
): readonly T[] {
  const needle = filter.search.trim().toLowerCase();
  if (filter.minLevel <= 0 && needle === "") return lines;
  return lines.filter(
    (line) =>
      line.level >= filter.minLevel &&
      (needle === "" ||
        line.message.toLowerCase().includes(needle) ||
        loggerOf(line).toLowerCase().includes(needle)),
  );
}

/**
 * `incoming` appended to `existing`, each line once (by id), in id order. Lines without an
 * id are kept as they come. Returns `existing` itself when nothing is new.
 */
export function mergeLogLines(
  existing: readonly LogRecord[],
  incoming: readonly LogRecord[],
): readonly LogRecord[] {
  const lastId = lastLogId(existing) ?? Number.NEGATIVE_INFINITY;
  const fresh = incoming.filter((line) => line.id === undefined || line.id > lastId);
  if (fresh.length === 0) return existing;
  const sorted = fresh.every((line, i) => i === 0 || (line.id ?? 0) >= (fresh[i - 1]?.id ?? 0))
    ? fresh
    : [...fresh].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const out = [...existing];
  let previous = lastId;
  for (const line of sorted) {
    if (line.id !== undefined) {
      if (line.id === previous) continue;
      previous = line.id;
    }
    out.push(line);
  }
  return out;
}

/** The id of the last line that has one. */
export function lastLogId(lines: readonly LogRecord[]): number | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const id = lines[i]?.id;
    if (id !== undefined) return id;
  }
  return undefined;
}

/** "2026-11-24T02:02:43.272Z" — the time of a line in a downloaded file (UTC, exact). */
function isoTime(at: number): string {
  return new Date(at).toISOString();
}

/** One line of the `.log` file: `time | LEVEL    | logger - message`. */
export function formatLogLine(line: LogRecord, logger: string = line.name): string {
  return `${isoTime(line.timestamp)} | ${levelName(line.level).padEnd(8)} | ${logger} - ${line.message}`;
}

/** The `.log` file of `lines`, one line per record, ending with a newline. */
export function formatLogFile(
  lines: readonly LogRecord[],
  loggerOf: (line: LogRecord) => string = (line) => line.name,
): string {
  if (lines.length === 0) return "";
  return `${lines.map((line) => formatLogLine(line, loggerOf(line))).join("\n")}\n`;
}

/** The name to show for a line's logger: the task run's name when it is known. */
export function loggerLabel(line: LogRecord, taskRunNames: ReadonlyMap<string, string>): string {
  if (line.taskRunId !== undefined) {
    const name = taskRunNames.get(line.taskRunId);
    if (name !== undefined) return name;
  }
  return line.name;
}
