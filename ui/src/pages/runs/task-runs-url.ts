/**
 * The Runs page's two views (flow runs, task runs) and the task-run view's filters in
 * the URL query string, both ways, and the API filter they mean. Pure.
 *
 * URL keys: `view=task-runs` selects the view; `state`, `task` (task key) and `tag` are
 * repeatable filters of task runs.
 *
 * @module
 */
import type { StateType, TaskRunFilter } from "../../api/types.js";
import { STATE_TYPE_ORDER } from "../../theme/state-colors.js";

/** The Runs page's views. */
export type RunsView = "flow-runs" | "task-runs";

/** The view a query string selects (flow runs unless it says `view=task-runs`). */
export function parseRunsView(params: URLSearchParams): RunsView {
  return params.get("view") === "task-runs" ? "task-runs" : "flow-runs";
}

/** The task-run view's filters. */
export interface TaskRunsQuery {
  readonly states: readonly StateType[];
  readonly taskKeys: readonly string[];
  readonly tags: readonly string[];
}

/** No filter. */
export const DEFAULT_TASK_RUNS_QUERY: TaskRunsQuery = { states: [], taskKeys: [], tags: [] };

function distinct(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ""))];
}

/** The task-run filters a query string holds; unknown state types and blanks are dropped. */
export function parseTaskRunsQuery(params: URLSearchParams): TaskRunsQuery {
  const states = new Set(params.getAll("state").map((s) => s.trim().toUpperCase()));
  return {
    states: STATE_TYPE_ORDER.filter((type) => states.has(type)),
    taskKeys: distinct(params.getAll("task")),
    tags: distinct(params.getAll("tag")),
  };
}

/** The query string of the task-run view with `query`, over `base` (other keys kept). */
export function taskRunsQueryToParams(query: TaskRunsQuery, base?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const key of ["state", "task", "tag"]) params.delete(key);
  params.set("view", "task-runs");
  for (const type of STATE_TYPE_ORDER.filter((t) => query.states.includes(t))) params.append("state", type);
  for (const key of distinct(query.taskKeys)) params.append("task", key);
  for (const tag of distinct(query.tags)) params.append("tag", tag);
  return params;
}

/** The API filter of `query`, without page size or offset. Empty lists are left out. */
export function toTaskRunFilter(query: TaskRunsQuery): TaskRunFilter {
  return {
    ...(query.states.length === 0 ? {} : { stateTypes: [...query.states] }),
    ...(query.taskKeys.length === 0 ? {} : { taskKeys: [...query.taskKeys] }),
    ...(query.tags.length === 0 ? {} : { tags: [...query.tags] }),
  };
}
