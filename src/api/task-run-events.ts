/**
 * Task-run events: `ordo.task-run.<StateName>` for the states a recorder batch says are
 * new (its `newStates`), shaped like the flow-run events (`flowRunStateEvent`): the task
 * run as resource, its flow run, flow and tags as related resources, the state's time as
 * `occurred`. They are written in the batch's own transaction.
 *
 * @module
 */
import type { CompactState, FlowRun, RecorderBatch, TaskRun, TaskRunEvents } from "../schemas/index.js";
import { StateType, isTerminalType } from "../states/index.js";
import type { BatchEventInsert } from "../store/index.js";

/** What a task-run event names of the task run's flow run. */
export type TaskRunEventFlowRun = Pick<FlowRun, "id" | "name" | "flowName">;

/** True when a state of `type` becomes an event under `mode`. */
function wanted(mode: TaskRunEvents, type: CompactState[0]): boolean {
  if (mode === "all") return true;
  if (mode === "terminal") return isTerminalType(type);
  return mode === "failures" && isTerminalType(type) && type !== StateType.COMPLETED;
}

/** True when a state of `mode`'s kind is anywhere in the history of one of `runs`. */
function anyStateWanted(runs: readonly TaskRun[], mode: TaskRunEvents): boolean {
  for (const run of runs) {
    const history = run.stateHistory;
    for (let i = 0; i < history.length; i++) {
      if (wanted(mode, (history[i] as CompactState)[0])) return true;
    }
  }
  return false;
}

/** The flow runs whose task runs have new states that become events under `mode`. */
export function flowRunsWithEvents(batch: RecorderBatch, mode: TaskRunEvents): Set<string> {
  const ids = new Set<string>();
  if (mode === "off" || batch.newStates === undefined || batch.newStates.length === 0) return ids;
  // Most batches of a healthy run hold no state `mode` keeps at all (under the default
  // `failures`): a look at each history answers that without matching runs to new states.
  if (mode !== "all" && !anyStateWanted(batch.taskRuns, mode)) return ids;
  const runs = new Map(batch.taskRuns.map((run) => [run.id, run]));
  for (const [taskRunId, from, to] of batch.newStates) {
    const run = runs.get(taskRunId);
    if (run === undefined) continue;
    for (let i = from; i < to; i++) {
      const entry = run.stateHistory[i];
      if (entry !== undefined && wanted(mode, entry[0])) {
        ids.add(run.flowRunId);
        break;
      }
    }
  }
  return ids;
}

/** The related resources of a task run's events (shared by all of them). */
function relatedOf(run: TaskRun, flowRun: TaskRunEventFlowRun): Record<string, string>[] {
  return [
    {
      "ordo.resource.id": `ordo.flow-run.${flowRun.id}`,
      "ordo.resource.role": "flow-run",
      "ordo.resource.name": flowRun.name,
    },
    {
      "ordo.resource.id": `ordo.flow.${flowRun.flowName}`,
      "ordo.resource.role": "flow",
      "ordo.resource.name": flowRun.flowName,
    },
    ...run.tags.map((tag) => ({ "ordo.resource.id": `ordo.tag.${tag}`, "ordo.resource.role": "tag" })),
  ];
}

/** The event of `run` entering its `i`-th state. */
function stateEvent(
  run: TaskRun,
  i: number,
  related: Record<string, string>[],
): BatchEventInsert | undefined {
  const entry = run.stateHistory[i];
  if (entry === undefined) return undefined;
  const [type, name, timestamp, message] = entry;
  const previous = run.stateHistory[i - 1];
  const validatedState: Record<string, string> = { type, name };
  if (message !== undefined) validatedState.message = message;
  const payload: Record<string, unknown> = { validatedState };
  if (previous !== undefined) payload.initialState = { type: previous[0], name: previous[1] };
  return {
    occurred: timestamp,
    event: `ordo.task-run.${name}`,
    resource: {
      "ordo.resource.id": `ordo.task-run.${run.id}`,
      "ordo.resource.name": run.name,
      "ordo.state-type": type,
      "ordo.state-name": name,
    },
    related,
    payload,
  };
}

/**
 * The events of the new states of `batch` that `mode` keeps, in batch order; states of
 * task runs whose flow run is not in `flowRuns` are skipped (the batch will be refused).
 *
 * @example
 * ```ts
 * const events = taskRunStateEvents(batch, new Map([[run.id, run]]), "all");
 * ```
 */
export function taskRunStateEvents(
  batch: RecorderBatch,
  flowRuns: ReadonlyMap<string, TaskRunEventFlowRun>,
  mode: TaskRunEvents,
): BatchEventInsert[] {
  const events: BatchEventInsert[] = [];
  if (mode === "off" || batch.newStates === undefined) return events;
  const runs = new Map(batch.taskRuns.map((run) => [run.id, run]));
  for (const [taskRunId, from, to] of batch.newStates) {
    const run = runs.get(taskRunId);
    const flowRun = run === undefined ? undefined : flowRuns.get(run.flowRunId);
    if (run === undefined || flowRun === undefined) continue;
    let related: Record<string, string>[] | undefined;
    for (let i = from; i < to; i++) {
      const type = run.stateHistory[i]?.[0];
      if (type === undefined || !wanted(mode, type)) continue;
      related ??= relatedOf(run, flowRun);
      const event = stateEvent(run, i, related);
      if (event !== undefined) events.push(event);
    }
  }
  return events;
}
