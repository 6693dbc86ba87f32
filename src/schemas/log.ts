/**
 * zod schemas of log lines.
 *
 * @module
 */
import { z } from "zod";
import { EpochMillisSchema } from "./epoch-millis.js";

/** Log levels, as numbers (higher is more severe). */
export const LogLevel = { debug: 10, info: 20, warning: 30, error: 40, critical: 50 } as const;
/** A log level name. */
export type LogLevelName = keyof typeof LogLevel;

/** One log line of a flow or task run. */
export const LogRecordSchema = z.object({
  /** Assigned by the store, increasing. */
  id: z.number().int().optional(),
  flowRunId: z.string().min(1).max(64),
  taskRunId: z.string().min(1).max(64).optional(),
  level: z.number().int().min(0).max(100),
  name: z.string().max(500),
  message: z.string().max(1_000_000),
  timestamp: EpochMillisSchema,
});
/** A log line. */
export type LogRecord = z.infer<typeof LogRecordSchema>;

/** Which log lines to read. */
export const LogFilterSchema = z.object({
  flowRunId: z.string().optional(),
  taskRunId: z.string().optional(),
  minLevel: z.number().int().optional(),
  afterId: z.number().int().optional(),
  limit: z.number().int().min(1).max(100_000).default(1000),
});
/** Which log lines to read. */
export type LogFilter = z.input<typeof LogFilterSchema>;
