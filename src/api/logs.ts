/**
 * Log lines of flow and task runs. They are written by the run recorder's batches (see
 * `recordBatch`); here they are read.
 *
 * @module
 */
import { LogFilterSchema, type LogFilter, type LogRecord } from "../schemas/index.js";
import type { Store } from "../store/index.js";
import { parseInput } from "./errors.js";

/** Reads log lines, oldest first; the filter's defaults apply (limit 1000). */
export async function readLogs(store: Store, filter: LogFilter = {}): Promise<LogRecord[]> {
  return store.readLogs(parseInput(LogFilterSchema, filter, "log filter"));
}
