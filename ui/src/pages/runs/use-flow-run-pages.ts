/**
 * The Runs page's flow runs: keyset pages of `POST /api/flow_runs/paginate` for the URL's
 * filters, live through the "flow-runs" query root, and the names of their deployments
 * (one request for the loaded rows).
 *
 * @module
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { post } from "../../api/client.js";
import type { Deployment, FlowRun, FlowRunPage } from "../../api/types.js";
import { toFlowRunFilter, type RunsQuery } from "./filters-url.js";

/** Runs per page. */
export const RUNS_PAGE_SIZE = 100;

/** The loaded pages of runs matching `query`, flattened, and how to load more. */
export function useFlowRunPages(query: RunsQuery) {
  const pages = useInfiniteQuery({
    queryKey: ["flow-runs", "list", query],
    // Relative ranges count back from the time of the request, not of the render.
    queryFn: ({ pageParam, signal }) =>
      post<FlowRunPage>(
        "/flow_runs/paginate",
        {
          ...toFlowRunFilter(query, Date.now()),
          limit: RUNS_PAGE_SIZE,
          ...(pageParam === undefined ? {} : { cursor: pageParam }),
        },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const runs = useMemo<readonly FlowRun[]>(
    () => pages.data?.pages.flatMap((p) => p.items) ?? [],
    [pages.data],
  );
  return { pages, runs };
}

/** The names of the deployments of `runs`, by id (one request; absent ids are not named). */
export function useDeploymentNames(runs: readonly FlowRun[]): ReadonlyMap<string, string> {
  const ids = useMemo(() => {
    const set = new Set<string>();
    for (const run of runs) if (run.deploymentId !== undefined) set.add(run.deploymentId);
    return [...set].sort().slice(0, 1000);
  }, [runs]);
  const query = useQuery({
    queryKey: ["deployments", "names", ids],
    queryFn: ({ signal }) =>
      post<Deployment[]>("/deployments/filter", { ids, limit: Math.max(1, ids.length) }, signal),
    enabled: ids.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  return useMemo(
    () => new Map((query.data ?? []).map((d) => [d.id, `${d.flowName}/${d.name}`])),
    [query.data],
  );
}
