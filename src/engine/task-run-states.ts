/**
 * Task-run state helpers shared by the task engine's parts: entering a state, building
 * states, and the facts the orchestration rules see.
 *
 * @module
 */
import type { TaskDefinition } from "./definitions.js";
import type { FlowRunContext } from "./context.js";
import type { TaskRunSnapshot } from "./recorder.js";
import {
  StateType,
  isTerminalType,
  retryDelayMs,
  type RunFacts,
  type StateData,
  type StateName,
} from "../states/index.js";
/** Notable transitions get a detailed record besides the compact history. */
export function isNotable(state: StateData): boolean {
  return (
    state.type === StateType.FAILED ||
    state.type === StateType.CRASHED ||
    state.type === StateType.CANCELLED ||
    state.name === "AwaitingRetry"
  );
}

/** Puts a state on a snapshot, updates times and counters, and tells the recorder. */
export function enter(flow: FlowRunContext, snapshot: TaskRunSnapshot, state: StateData): void {
  snapshot.state = state;
  const entry: [StateData["type"], string, number, ...string[]] =
    state.message === undefined
      ? [state.type, state.name, state.timestamp]
      : [state.type, state.name, state.timestamp, state.message];
  snapshot.stateHistory.push(entry);
  snapshot.updatedAt = state.timestamp;
  if (state.type === StateType.RUNNING) {
    snapshot.runCount++;
    snapshot.startTime ??= state.timestamp;
  } else if (isTerminalType(state.type)) {
    snapshot.endTime = state.timestamp;
  }
  flow.recorder.taskRun(snapshot);
  if (isNotable(state)) flow.recorder.taskRunState({ taskRunId: snapshot.id, state });
}

export function stateData(
  type: StateData["type"],
  name: StateName,
  timestamp: number,
  message?: string,
  error?: StateData["error"],
): StateData {
  if (message === undefined && error === undefined) return { type, name, timestamp };
  return { type, name, timestamp, message, error };
}

/** The facts the rules see about a task run (a class, so a decision allocates no closure). */
class TaskRunFacts implements RunFacts {
  constructor(
    readonly runCount: number,
    readonly retries: number,
    readonly def: TaskDefinition | undefined,
  ) {}

  retryDelayMs(attempt: number): number {
    const options = this.def?.options;
    return retryDelayMs(options?.retryDelaySeconds, attempt, options?.retryJitterFactor, Math.random());
  }
}

export function factsFor(runCount: number, retries: number, def: TaskDefinition | undefined): RunFacts {
  return new TaskRunFacts(runCount, retries, def);
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
