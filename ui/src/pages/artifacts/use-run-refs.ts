/**
 * The flow runs and task runs that made a set of artifacts, read in one request each for
 * the whole view (no request per row), live through the "flow-runs" / "task-runs" roots.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { post } from "../../api/client.js";
import type { Artifact, FlowRun, FlowRunPage, TaskRun } from "../../api/types.js";
import { runIds } from "./artifact-filters.js";

/** Runs by id; a run not (yet) loaded is absent. */
export interface RunRefs {
  readonly flowRuns: ReadonlyMap<string, FlowRun>;
  readonly taskRuns: ReadonlyMap<string, TaskRun>;
}

/** Looks up the runs of `artifacts`. */
export function useRunRefs(artifacts: readonly (Artifact | undefined)[]): RunRefs {
  const { flowRunIds, taskRunIds } = runIds(artifacts);
  const flows = useQuery({
    queryKey: ["flow-runs", "by-id", flowRunIds],
    queryFn: ({ signal }) =>
      post<FlowRunPage>("/flow_runs/paginate", { ids: flowRunIds, limit: flowRunIds.length }, signal),
    enabled: flowRunIds.length > 0,
  });
  const tasks = useQuery({
    queryKey: ["task-runs", "by-id", taskRunIds],
    queryFn: ({ signal }) =>
      post<TaskRun[]>("/task_runs/filter", { ids: taskRunIds, limit: taskRunIds.length }, signal),
    enabled: taskRunIds.length > 0,
  });
  return {
    flowRuns: new Map((flows.data?.items ?? []).map((run) => [run.id, run])),
    taskRuns: new Map((tasks.data ?? []).map((run) => [run.id, run])),
  };
}
