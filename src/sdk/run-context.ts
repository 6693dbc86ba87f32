/**
 * `taskContext()`, `flowContext()` and `getRunLogger()`: what user code may know about the
 * run it executes in.
 *
 * @module
 */
import { currentFlowRunContext, currentRunContext } from "../engine/context.js";
import { loggerOf, originalConsole, type RunLogger } from "../engine/logger.js";
import { OrdoError } from "../errors/ordo-error.js";
import { LogLevel } from "../schemas/log.js";
import { loadSettings } from "../settings/index.js";
import type { TaskRunContextImpl } from "../engine/task-run-context.js";

/** What a task's code may know about its run. */
export interface TaskContextView {
  readonly taskRunId: string;
  readonly taskRunName: string;
  readonly taskName: string;
  readonly flowRunId: string;
  /** 1 for the first attempt of this call, 2 for its first retry, … */
  readonly attempt: number;
  readonly tags: readonly string[];
  /** Aborted when the task run times out. */
  readonly signal: AbortSignal;
}

/** What a flow's code may know about its run. */
export interface FlowContextView {
  readonly flowRunId: string;
  readonly flowRunName: string;
  readonly flowName: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly signal: AbortSignal;
}

/**
 * The current task run's context.
 *
 * @example
 * ```ts
 * const fetchPage = task(async (url: string) => {
 *   const { signal, attempt } = taskContext();
 *   return (await fetch(url, { signal })).text();
 * });
 * ```
 */
export function taskContext(): TaskContextView {
  const ctx = currentRunContext();
  if (ctx?.kind !== "task")
    throw new OrdoError("ORDO_NO_ACTIVE_RUN", "taskContext() was called outside a task run");
  const impl = ctx as TaskRunContextImpl;
  return {
    taskRunId: ctx.taskRun.id,
    taskRunName: ctx.taskRun.name,
    taskName: ctx.taskRun.taskKey,
    flowRunId: ctx.flow.flowRunId,
    attempt: impl.attempt,
    tags: ctx.taskRun.tags,
    get signal() {
      return ctx.signal;
    },
  };
}

/**
 * The current flow run's context (also inside its task runs).
 *
 * @example
 * ```ts
 * const { flowRunId, parameters } = flowContext();
 * ```
 */
export function flowContext(): FlowContextView {
  const ctx = currentFlowRunContext();
  if (ctx === undefined)
    throw new OrdoError("ORDO_NO_ACTIVE_RUN", "flowContext() was called outside a flow run");
  return {
    flowRunId: ctx.flowRunId,
    flowRunName: ctx.flowRunName,
    flowName: ctx.flowName,
    attempt: ctx.attempt,
    parameters: ctx.parameters,
    signal: ctx.signal,
  };
}

let consoleLogger: RunLogger | undefined;

/**
 * The logger of the current run: lines go to the console and to the run's logs. Outside
 * a run it logs to the console only.
 *
 * @example
 * ```ts
 * getRunLogger().info("loaded %d rows", rows.length);
 * ```
 */
export function getRunLogger(): RunLogger {
  const ctx = currentRunContext();
  if (ctx !== undefined) return ctx.logger;
  return (consoleLogger ??= createConsoleLogger());
}

function createConsoleLogger(): RunLogger {
  let threshold: number;
  try {
    threshold = LogLevel[loadSettings().ORDO_LOGGING_LEVEL];
  } catch {
    threshold = LogLevel.info;
  }
  return loggerOf((level, message, ...args) => {
    if (level >= threshold) originalConsole.error(message, ...args);
  });
}
