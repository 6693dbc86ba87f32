/**
 * Resolving a task call's arguments: futures, promises, and arrays or plain objects
 * holding them (one level deep) become values, and each upstream task run is recorded as
 * feeding the argument it was found in.
 *
 * @module
 */
import { StateType } from "../states/index.js";
import { isAllowFailure, isQuote } from "./annotations.js";
import { isTaskFuture, type TaskFuture } from "./future.js";
import { errorFromInfo, valueOf, type ResultReader } from "./outcome.js";

/** An upstream run that did not complete. */
export interface UpstreamFailure {
  readonly taskRunId: string | undefined;
  readonly message: string;
}

/** Resolved arguments with their data dependencies. */
export interface ResolvedInputs {
  readonly args: unknown[];
  /** Argument path (`"0"`, `"1.rows"`) → upstream task-run ids. */
  readonly dependencies: Record<string, string[]>;
  readonly failure: UpstreamFailure | undefined;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function needsResolution(value: unknown): boolean {
  if (isTaskFuture(value) || isThenable(value) || isAllowFailure(value) || isQuote(value)) return true;
  if (Array.isArray(value)) return value.some((v) => isTaskFuture(v) || isThenable(v) || isAllowFailure(v));
  if (isPlainObject(value)) {
    for (const key in value) {
      const v = value[key];
      if (isTaskFuture(v) || isThenable(v) || isAllowFailure(v)) return true;
    }
  }
  return false;
}

/** True when some argument holds a future, a promise or an annotation. */
export function argsNeedResolution(args: readonly unknown[]): boolean {
  for (const arg of args) if (needsResolution(arg)) return true;
  return false;
}

class Resolver {
  readonly dependencies: Record<string, string[]> = {};
  failure: UpstreamFailure | undefined;
  constructor(readonly read: ResultReader) {}

  #depend(path: string, id: string): void {
    (this.dependencies[path] ??= []).push(id);
  }

  async leaf(value: unknown, path: string, allowFailure: boolean): Promise<unknown> {
    if (isAllowFailure(value)) return this.leaf(value.value, path, true);
    if (isTaskFuture(value)) return this.future(value, path, allowFailure);
    if (isThenable(value)) {
      try {
        return await value;
      } catch (error) {
        if (allowFailure) return error;
        this.failure ??= {
          taskRunId: undefined,
          message: `a promise passed as argument ${path} rejected: ${String(error)}`,
        };
        return undefined;
      }
    }
    return value;
  }

  async future(future: TaskFuture, path: string, allowFailure: boolean): Promise<unknown> {
    this.#depend(path, future.taskRunId);
    const outcome = await future.outcome();
    if (outcome.state.type === StateType.COMPLETED) return valueOf(outcome, this.read);
    const error =
      outcome.error ?? errorFromInfo(outcome.state.error, outcome.state.message ?? outcome.state.name);
    if (allowFailure) return error;
    this.failure ??= {
      taskRunId: future.taskRunId,
      message: `upstream task run ${future.taskRunId} ended ${outcome.state.name}`,
    };
    return undefined;
  }

  async value(value: unknown, path: string): Promise<unknown> {
    if (isQuote(value)) return value.value;
    if (Array.isArray(value)) {
      return Promise.all(value.map((v, i) => this.leaf(v, `${path}.${i}`, false)));
    }
    if (isPlainObject(value) && !isAllowFailure(value)) {
      const out: Record<string, unknown> = {};
      await Promise.all(
        Object.keys(value).map(async (key) => {
          out[key] = await this.leaf(value[key], `${path}.${key}`, false);
        }),
      );
      return out;
    }
    return this.leaf(value, path, false);
  }
}

/** Resolves the arguments of a task call (see the module doc). */
export async function resolveInputs(args: readonly unknown[], read: ResultReader): Promise<ResolvedInputs> {
  const resolver = new Resolver(read);
  const resolved = await Promise.all(args.map((arg, i) => resolver.value(arg, String(i))));
  return { args: resolved, dependencies: resolver.dependencies, failure: resolver.failure };
}

/** Waits for `waitFor` entries; returns the upstream ids and the first failure, if any. */
export async function resolveWaitFor(
  waitFor: readonly unknown[],
  read: ResultReader,
): Promise<{ ids: string[]; failure: UpstreamFailure | undefined }> {
  const resolver = new Resolver(read);
  const ids: string[] = [];
  await Promise.all(
    waitFor.map(async (entry) => {
      const allow = isAllowFailure(entry);
      const target = allow ? entry.value : entry;
      if (isTaskFuture(target)) ids.push(target.taskRunId);
      await resolver.leaf(target, "waitFor", allow);
    }),
  );
  return { ids, failure: resolver.failure };
}
