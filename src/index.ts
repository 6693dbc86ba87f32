/**
 * Ordo: workflow orchestration for TypeScript.
 *
 * Glossary:
 * - **flow**: an async function made observable with {@link flow}; each call is a *flow run*.
 * - **task**: an async function made tracked, retried and cacheable with {@link task};
 *   each call inside a flow run is a *task run*.
 * - **state**: where a run is in its life (Pending, Running, Completed, Failed, …): a
 *   {@link State} with a type, a name and, when completed, a result.
 * - **future**: the handle of a submitted task run ({@link TaskFuture}).
 * - **task runner**: decides how many submitted task runs execute at once.
 * - **result**: a run's return value, persisted inline with the run when small, else to
 *   result storage, so a retried flow run can reuse it (durable resume).
 * - **pause / suspend**: a flow run waiting, inside its body, for a resume (with an input):
 *   {@link pause} keeps the process, {@link suspend} ends it and the run runs again later.
 * - **deployment**: a flow made runnable on schedules or on demand ({@link serve},
 *   `flow.deploy`); **work pool**: where a deployment's runs wait; **worker**: a process
 *   that claims them and starts each in its own process.
 *
 * @example
 * ```ts
 * import { flow, task } from "ordo";
 * const double = task({ name: "double" }, async (x: number) => x * 2);
 * const main = flow({ name: "main" }, async () => Promise.all([1, 2, 3].map((x) => double(x))));
 * await main();
 * ```
 *
 * @module
 */
export { flow, isFlow, type Flow } from "./sdk/flow.js";
export { task, isTask, type Task, type TaskInput, type TaskInputs, type MapInputs } from "./sdk/task.js";
export {
  taskContext,
  flowContext,
  getRunLogger,
  type TaskContextView,
  type FlowContextView,
} from "./sdk/run-context.js";
export { wait, asCompleted, type DoneAndNotDone } from "./sdk/wait.js";
export { retryFlowRun } from "./sdk/retry-flow-run.js";
export { readFlowRunState } from "./sdk/read-flow-run-state.js";
export {
  serve,
  runDeployment,
  type DeploymentOptions,
  type DeployOptions,
  type RunnerDeployment,
  type ServeOptions,
  type RunDeploymentOptions,
} from "./sdk/deployments.js";
export type { DeploySource } from "./sdk/deploy-source.js";
export { pause, suspend, type PauseOptions } from "./sdk/pause.js";
export { getClient } from "./client/get-client.js";
export type { OrdoClient } from "./client/ordo-client.js";
export {
  unmapped,
  allowFailure,
  quote,
  type Unmapped,
  type AllowFailure,
  type Quote,
} from "./engine/annotations.js";
export { TaskFuture } from "./engine/future.js";
export type { RunLogger } from "./engine/logger.js";
export type { TaskOptions, TaskCallOptions, FlowOptions, StateHook, HookRun } from "./engine/definitions.js";
export { ConcurrentTaskRunner } from "./engine/runners/concurrent-task-runner.js";
export { SequentialTaskRunner } from "./engine/runners/sequential-task-runner.js";
export type { TaskRunner } from "./engine/runners/task-runner.js";
export {
  State,
  StateType,
  STATE_NAMES,
  exponentialBackoff,
  type StateName,
  type StateData,
  type RetryDelay,
} from "./states/index.js";
export { OrdoError, ErrorCode, isOrdoError } from "./errors/index.js";
export { inputsHash } from "./hashing/index.js";
export {
  CachePolicy,
  INPUTS,
  TASK_SOURCE,
  FLOW_PARAMETERS,
  RUN_ID,
  NONE,
  type CacheKeyContext,
} from "./cache/index.js";
export { LocalFileStorage, type ResultStorage } from "./results/index.js";
export type {
  FlowRun,
  TaskRun,
  LogRecord,
  FlowRunFilter,
  TaskRunFilter,
  LogFilter,
} from "./schemas/index.js";
export { Variable, type VariableSetOptions } from "./sdk/variable.js";
export {
  createMarkdownArtifact,
  createTableArtifact,
  createLinkArtifact,
  createImageArtifact,
  createProgressArtifact,
  updateProgressArtifact,
  type ArtifactOptions,
} from "./sdk/artifacts.js";
export { emitEvent, type EmitEventOptions } from "./sdk/emit-event.js";
export { concurrency, rateLimit, type ConcurrencyOptions } from "./sdk/concurrency.js";
export type { Artifact, ArtifactType, OrdoEvent, Variable as VariableRecord } from "./schemas/index.js";
