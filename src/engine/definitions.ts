/**
 * The options of tasks and flows, as the engine reads them.
 *
 * @module
 */
import type { z } from "zod";
import type { CachePolicy, CacheKeyContext } from "../cache/index.js";
import type { ResultStorage } from "../results/index.js";
import type { RetryDelay, State } from "../states/index.js";
import type { TaskRunner } from "./runners/task-runner.js";

/** What a hook learns about the run it is called for. */
export interface HookRun {
  readonly id: string;
  readonly name: string;
  readonly flowRunId: string;
}

/** A state hook: `(state, run) => void`, e.g. to alert on failure. Errors in hooks are logged, not raised. */
export type StateHook<T = unknown> = (state: State<T>, run: HookRun) => void | Promise<void>;

/** Options shared by tasks and flows. */
export interface RunOptionsBase {
  /** The name; default: the function's name. */
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly version?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  /** Retries after the first attempt (default 0). */
  readonly retries?: number | undefined;
  /** Seconds before retry n: a number, a list (the last repeats), or a function of n. */
  readonly retryDelaySeconds?: RetryDelay | undefined;
  /** Spreads retry delays randomly: 0.5 turns 10 s into 5–15 s. */
  readonly retryJitterFactor?: number | undefined;
  /** Ends the run TimedOut after this many seconds and aborts its signal. */
  readonly timeoutSeconds?: number | undefined;
  /** Capture `console.*` output inside the run into its logs. */
  readonly logPrints?: boolean | undefined;
  /** `sync`: each task completion is committed before the flow goes on. Default `batched`. */
  readonly durability?: "batched" | "sync" | undefined;
  readonly onCompletion?: readonly StateHook[] | undefined;
  readonly onFailure?: readonly StateHook[] | undefined;
  readonly onRunning?: readonly StateHook[] | undefined;
}

/** A task's options (see API.md). */
export interface TaskOptions extends RunOptionsBase {
  /** Decides whether a failure is retried: `(error, attempt) => boolean`. */
  readonly retryCondition?: ((error: unknown, attempt: number) => boolean | Promise<boolean>) | undefined;
  /** A function of the call computing the cache key; `undefined` means "don't cache". */
  readonly cacheKey?: ((ctx: CacheKeyContext, args: readonly unknown[]) => string | undefined) | undefined;
  /** A cache policy (INPUTS, TASK_SOURCE, …, combinable with `.and()`). */
  readonly cachePolicy?: CachePolicy | undefined;
  readonly cacheExpirationSeconds?: number | undefined;
  /** Run even if a cached result exists, and cache the new result. */
  readonly refreshCache?: boolean | undefined;
  /** `true`: the result must be persisted (error if it cannot be); `false`: never persist. Default: persist where the value serializes. */
  readonly persistResult?: boolean | undefined;
  readonly resultStorage?: ResultStorage | undefined;
  /** `json` (default; keeps Date, Map, Set, BigInt, undefined) or `bytes`. */
  readonly resultSerializer?: string | undefined;
  /** `false`: futures do not keep the value in memory; `result()` loads it from storage. */
  readonly cacheResultInMemory?: boolean | undefined;
  /** A name template over positional args (`"fetch-{0}"`) or a single object arg's keys, or a function. */
  readonly taskRunName?: string | ((args: readonly unknown[]) => string) | undefined;
}

/** Options that only make sense per call (`t.with({ waitFor })`). */
export interface TaskCallOptions extends TaskOptions {
  /** Futures to wait for before starting, without passing data. */
  readonly waitFor?: readonly unknown[] | undefined;
}

/** A flow's options (see API.md). */
export interface FlowOptions<S extends z.ZodType | undefined = z.ZodType | undefined> extends RunOptionsBase {
  /** A zod schema of the parameters: validated before the run; its JSON schema describes the flow. */
  readonly params?: S;
  readonly taskRunner?: TaskRunner | undefined;
  /** A name template over the parameters (`"etl-{table}"`) or a function. */
  readonly flowRunName?: string | ((params: Readonly<Record<string, unknown>>) => string) | undefined;
  readonly onCancellation?: readonly StateHook[] | undefined;
  readonly onCrashed?: readonly StateHook[] | undefined;
}

/** A task as the engine runs it. */
export interface TaskDefinition {
  readonly key: string;
  readonly name: string;
  readonly fn: (...args: never[]) => unknown;
  readonly options: TaskCallOptions;
}

/** A flow as the engine runs it. */
export interface FlowDefinition {
  readonly name: string;
  readonly fn: (params: never) => unknown;
  readonly options: FlowOptions;
  /** Where the flow was loaded from (`/abs/file.ts:export`), when known. */
  entrypoint?: string | undefined;
  /** The file that defined the flow (absolute path), when known: `serve` and `deploy` name it. */
  sourceFile?: string | undefined;
}
