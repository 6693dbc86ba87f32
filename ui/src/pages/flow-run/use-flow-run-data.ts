/**
 * The flow run page's reads, with query keys under the live roots ("flow-run",
 * "deployment", "task-runs") so state events refresh them; while the run is not over,
 * polling backs the live updates up.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { api, post } from "../../api/client.js";
import type { Deployment, FlowRun, TaskRun } from "../../api/types.js";
import { isTerminal } from "../../components/runs/run-states.js";

/** How often a run that is not over is read again, besides the live updates. */
export const LIVE_POLL_MS = 3000;

/** The flow run `id`, polled while it is not over. */
export function useFlowRun(id: string) {
  return useQuery({
    queryKey: ["flow-run", id],
    queryFn: ({ signal }) => api<FlowRun>(`/flow_runs/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (query) => {
      const type = query.state.data?.state.type;
      return type === undefined || isTerminal(type) ? false : LIVE_POLL_MS;
    },
  });
}

/** The deployment `id` (none when `id` is undefined). */
export function useDeployment(id: string | undefined) {
  return useQuery({
    queryKey: ["deployment", id],
    queryFn: ({ signal }) => api<Deployment>(`/deployments/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: id !== undefined,
    staleTime: 30_000,
  });
}

/** How many task runs the page reads for names (the Logs tab's loggers). */
export const TASK_RUN_NAMES_LIMIT = 1000;

/** The first task runs of `flowRunId`, by id, for their names; polled while `live`. */
export function useTaskRunNames(flowRunId: string, live: boolean): ReadonlyMap<string, string> | undefined {
  const query = useQuery({
    queryKey: ["task-runs", "of-flow-run", flowRunId, "names"],
    queryFn: ({ signal }) =>
      post<TaskRun[]>("/task_runs/filter", { flowRunId, limit: TASK_RUN_NAMES_LIMIT }, signal),
    refetchInterval: live ? LIVE_POLL_MS : false,
  });
  return useMemo(
    () => (query.data === undefined ? undefined : new Map(query.data.map((t) => [t.id, t.name]))),
    [query.data],
  );
}
