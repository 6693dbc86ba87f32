/**
 * `task()`: turns an async function into a tracked, retried, cached task.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import { isUnmapped, type AllowFailure, type Quote, type Unmapped } from "../engine/annotations.js";
import { currentRunContext, type RunContext } from "../engine/context.js";
import type { TaskCallOptions, TaskDefinition, TaskOptions } from "../engine/definitions.js";
import type { TaskFuture } from "../engine/future.js";
import { originalConsole } from "../engine/logger.js";
import { stateOf, valueOf } from "../engine/outcome.js";
import { startTaskRun, type StartedTaskRun } from "../engine/task-engine.js";
import type { State } from "../states/index.js";
import { loadSettings } from "../settings/index.js";
import { registry } from "./registry.js";

const TASK_MARK = Symbol.for("ordo.task");

type Leaf<T> = T | TaskFuture<T> | PromiseLike<T> | AllowFailure<TaskFuture<T>>;

/**
 * What a task parameter of type `T` accepts: the value, a future or promise of it,
 * `quote(value)`, or an array / plain object whose items are futures or promises (one level).
 */
export type TaskInput<T> =
  | Leaf<T>
  | Quote<T>
  | (T extends readonly (infer E)[] ? readonly Leaf<E>[] : never)
  | (T extends Record<string, unknown> ? { [P in keyof T]: Leaf<T[P]> } : never);

/** The arguments of a task call. */
export type TaskInputs<A extends readonly unknown[]> = { [K in keyof A]: TaskInput<A[K]> };

/** The arguments of `t.map(…)`: an iterable per parameter, `unmapped(x)`, or a string (passed whole). */
export type MapInputs<A extends readonly unknown[]> = {
  [K in keyof A]:
    Iterable<TaskInput<A[K]>> | Unmapped<TaskInput<A[K]>> | (A[K] extends string ? A[K] : never);
};

/** A task: call it, or use `.state`, `.submit`, `.map`, `.with`. */
export interface Task<A extends readonly unknown[], R> {
  /** Runs the task and returns its value; throws its failure. */
  (...args: TaskInputs<A>): Promise<Awaited<R>>;
  /** Runs the task and returns its final State; never throws for a task failure. */
  state(...args: TaskInputs<A>): Promise<State<Awaited<R>>>;
  /** Submits the task to the flow's task runner and returns its future at once. */
  submit(...args: TaskInputs<A>): TaskFuture<Awaited<R>>;
  /** Submits one task run per element of the iterables (zipped); `unmapped(x)` passes x to all. */
  map(...iterables: MapInputs<A>): TaskFuture<Awaited<R>>[];
  /** A copy of the task with other options (Prefect's `with_options`); `waitFor` orders without data. */
  with(options: TaskCallOptions): Task<A, R>;
  /** The task's name (its task key). */
  readonly taskName: string;
  /** The task's options. */
  readonly options: TaskCallOptions;
  /** The wrapped function. */
  readonly fn: (...args: A) => R;
}

/** True for a value made by {@link task}. */
export function isTask(value: unknown): value is Task<unknown[], unknown> {
  return typeof value === "function" && (value as unknown as Record<symbol, unknown>)[TASK_MARK] === true;
}

function flowOf(ctx: RunContext) {
  return ctx.kind === "flow" ? ctx : ctx.flow;
}

function start(
  def: TaskDefinition,
  args: readonly unknown[],
  ctx: RunContext,
  submitted: boolean,
): StartedTaskRun {
  const parent = ctx.kind === "task" ? ctx : undefined;
  // Only calls submitted from the flow body take runner slots: a task that submits and
  // awaits other tasks must not wait for its own slot.
  return startTaskRun(def, args, flowOf(ctx), parent, submitted && parent === undefined);
}

function makeTask<A extends readonly unknown[], R>(def: TaskDefinition, fn: (...args: A) => R): Task<A, R> {
  type V = Awaited<R>;
  const call = async (...args: TaskInputs<A>): Promise<V> => {
    const ctx = currentRunContext();
    if (ctx === undefined) {
      if (debugEnabled())
        originalConsole.error(`task '${def.name}' was called outside a flow run: it runs untracked`);
      return await fn(...(args as unknown as A));
    }
    const started = start(def, args, ctx, false);
    return valueOf<V>(await started.settled, started.read);
  };
  const state = async (...args: TaskInputs<A>): Promise<State<V>> => {
    const ctx = currentRunContext();
    if (ctx === undefined) throw noRun(def, "state");
    const started = start(def, args, ctx, false);
    return stateOf<V>(await started.settled, started.read);
  };
  const submit = (...args: TaskInputs<A>): TaskFuture<V> => {
    const ctx = currentRunContext();
    if (ctx === undefined) throw noRun(def, "submit");
    return start(def, args, ctx, true) as TaskFuture<V>;
  };
  const map = (...iterables: MapInputs<A>): TaskFuture<V>[] => {
    const ctx = currentRunContext();
    if (ctx === undefined) throw noRun(def, "map");
    return zipMapArgs(def.name, iterables).map((args) => start(def, args, ctx, true) as TaskFuture<V>);
  };
  const withOptions = (options: TaskCallOptions): Task<A, R> =>
    makeTask<A, R>(
      {
        ...def,
        name: options.name ?? def.name,
        key: options.name ?? def.key,
        options: { ...def.options, ...options },
      },
      fn,
    );

  // `t.name` is the task's name, as for any named function.
  Object.defineProperty(call, "name", { value: def.name, configurable: true });
  return Object.assign(call, {
    state,
    submit,
    map,
    with: withOptions,
    taskName: def.name,
    options: def.options,
    fn,
    [TASK_MARK]: true as const,
  });
}

let debugSetting: boolean | undefined;
/** True when ORDO_LOGGING_LEVEL is `debug` (read once). */
function debugEnabled(): boolean {
  if (debugSetting === undefined) {
    try {
      debugSetting = loadSettings().ORDO_LOGGING_LEVEL === "debug";
    } catch {
      debugSetting = false;
    }
  }
  return debugSetting;
}

function noRun(def: TaskDefinition, method: string): OrdoError {
  return new OrdoError(
    "ORDO_NO_ACTIVE_RUN",
    `task '${def.name}': .${method}() needs a flow run; call the task directly to run it untracked`,
    { task: def.name },
  );
}

/** Zips `t.map` arguments into one argument list per call. */
export function zipMapArgs(taskName: string, iterables: readonly unknown[]): unknown[][] {
  let length: number | undefined;
  type Column = { readonly items: unknown[] } | { readonly whole: unknown };
  const columns = iterables.map((arg, i): Column => {
    if (isUnmapped(arg) || typeof arg === "string" || !isIterable(arg))
      return { whole: isUnmapped(arg) ? arg.value : arg };
    const items = Array.from(arg);
    if (length !== undefined && items.length !== length) {
      throw new OrdoError(
        "ORDO_INVALID_INPUT",
        `task '${taskName}'.map(): iterable arguments differ in length (${length} vs ${items.length} at argument ${i})`,
        { task: taskName, argument: i },
      );
    }
    length = items.length;
    return { items };
  });
  if (length === undefined) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `task '${taskName}'.map() needs at least one iterable argument`,
      {
        task: taskName,
      },
    );
  }
  const calls: unknown[][] = [];
  for (let n = 0; n < length; n++) calls.push(columns.map((c) => ("items" in c ? c.items[n] : c.whole)));
  return calls;
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Iterable<unknown>)[Symbol.iterator] === "function"
  );
}

/**
 * Defines a task.
 *
 * @example
 * ```ts
 * const double = task({ name: "double", retries: 2 }, async (x: number) => x * 2);
 * const fetchRows = task(async function fetchRows(table: string) { return [] as string[]; });
 * ```
 */
export function task<A extends readonly unknown[], R>(fn: (...args: A) => R): Task<A, R>;
export function task<A extends readonly unknown[], R>(
  options: TaskOptions,
  fn: (...args: A) => R,
): Task<A, R>;
export function task<A extends readonly unknown[], R>(
  optionsOrFn: TaskOptions | ((...args: A) => R),
  maybeFn?: (...args: A) => R,
): Task<A, R> {
  const options: TaskOptions = typeof optionsOrFn === "function" ? {} : optionsOrFn;
  const fn = typeof optionsOrFn === "function" ? optionsOrFn : maybeFn;
  if (typeof fn !== "function") throw new OrdoError("ORDO_INVALID_INPUT", "task() needs a function");
  const name = options.name ?? (fn.name || "anonymous-task");
  const def: TaskDefinition = { key: name, name, fn: fn, options };
  registry.tasks.set(name, def);
  return makeTask<A, R>(def, fn);
}
