/**
 * The task runs holding tag-limit slots, read in one request for the whole table.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { post } from "../../api/client.js";
import type { TaskRun } from "../../api/types.js";

/** The most holders named per tag; the rest are counted. */
export const HOLDERS_SHOWN = 5;

/** The holder ids to look up: the first few of each limit, at most 1,000 (the API's cap). */
export function holderIds(limits: readonly { readonly activeSlots: readonly string[] }[]): string[] {
  const ids = new Set<string>();
  for (const limit of limits) for (const id of limit.activeSlots.slice(0, HOLDERS_SHOWN)) ids.add(id);
  return [...ids].slice(0, 1000);
}

/** Task runs by id (live through the "task-runs" query root); empty until loaded. */
export function useHolderRuns(ids: readonly string[]): ReadonlyMap<string, TaskRun> {
  const query = useQuery({
    queryKey: ["task-runs", "holders", ids],
    queryFn: ({ signal }) =>
      post<TaskRun[]>("/task_runs/filter", { ids, limit: Math.max(1, ids.length) }, signal),
    enabled: ids.length > 0,
  });
  return new Map((query.data ?? []).map((run) => [run.id, run]));
}
