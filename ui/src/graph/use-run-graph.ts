/**
 * A flow run's graph from `GET /api/flow_runs/{id}/graph`: the first page (up to
 * {@link FIRST_PAGE_NODES} nodes, so most runs arrive in one request and are laid out
 * once), then every next page one request at a time (so a 100,000-task run shows while it
 * loads), merged into one {@link GraphModel}. Query key `["graph", flowRunId]` (live state events refresh
 * it); while the run is not over it is also read again every few seconds.
 *
 * @module
 */
import { infiniteQueryOptions, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { api } from "../api/client.js";
import type { FlowRun, FlowRunGraph } from "../api/types.js";
import { buildGraphModel, isTerminalStateType, type GraphModel } from "./graph-model.js";
import { graphRefetchInterval } from "./refresh.js";

/** The graph of a run and how far it has loaded. */
export interface RunGraph {
  readonly run: FlowRun | undefined;
  readonly model: GraphModel | undefined;
  /** True while the run is not in a terminal state (its graph still changes). */
  readonly live: boolean;
  /** True while more pages are on their way. */
  readonly loadingMore: boolean;
  readonly error: unknown;
  /** When the data was last read (ms since the epoch), the "now" of a live graph. */
  readonly readAt: number;
}

/** The query key of a run's graph. */
export function graphQueryKey(flowRunId: string): readonly unknown[] {
  return ["graph", flowRunId];
}

/** Nodes asked for in the first page of a graph. */
export const FIRST_PAGE_NODES = 25_000;
/** Nodes asked for in each following page (the server's maximum). */
export const NEXT_PAGE_NODES = 50_000;

/** The address of one page of a run's graph. */
export function graphPath(flowRunId: string, cursor: string | undefined): string {
  const base = `/flow_runs/${encodeURIComponent(flowRunId)}/graph`;
  return cursor === undefined
    ? `${base}?limit=${FIRST_PAGE_NODES}`
    : `${base}?limit=${NEXT_PAGE_NODES}&cursor=${encodeURIComponent(cursor)}`;
}

/** How the pages of a run's graph are read (shared by {@link useRunGraph} and {@link usePrefetchRunGraph}). */
function runGraphQuery(flowRunId: string) {
  return infiniteQueryOptions({
    queryKey: graphQueryKey(flowRunId),
    queryFn: ({ pageParam, signal }) => api<FlowRunGraph>(graphPath(flowRunId, pageParam), { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: FlowRunGraph) => last.nextCursor,
  });
}

/**
 * Starts reading the first page of a run's graph as the calling component renders, when
 * `when` holds and nothing of that graph is cached or on its way: a page opened on its
 * Graph tab asks for the graph first, alongside the run, not after the run has answered.
 * (TanStack Query's `usePrefetchInfiniteQuery`, with a condition.)
 */
export function usePrefetchRunGraph(flowRunId: string, when: boolean): void {
  const client = useQueryClient();
  if (when && client.getQueryState(graphQueryKey(flowRunId)) === undefined) {
    client.prefetchInfiniteQuery(runGraphQuery(flowRunId)).catch(() => undefined);
  }
}

/** Loads and follows the graph of `flowRunId`. */
export function useRunGraph(flowRunId: string): RunGraph {
  const runQuery = useQuery({
    queryKey: ["flow-run", flowRunId],
    queryFn: ({ signal }) => api<FlowRun>(`/flow_runs/${encodeURIComponent(flowRunId)}`, { signal }),
  });
  const run = runQuery.data;
  const live = run === undefined || !isTerminalStateType(run.state.type);

  const graphQuery = useInfiniteQuery({
    ...runGraphQuery(flowRunId),
    refetchInterval: (query) => {
      const pages = query.state.data?.pages ?? [];
      let nodes = 0;
      for (const page of pages) nodes += page.nodes.length;
      return graphRefetchInterval(live, nodes);
    },
  });
  const { data, hasNextPage, isFetching, fetchNextPage, error, dataUpdatedAt } = graphQuery;

  // Load the following pages one after the other (never during a refetch, which it would cancel).
  useEffect(() => {
    if (hasNextPage && !isFetching && error === null) void fetchNextPage();
  }, [hasNextPage, isFetching, fetchNextPage, error]);

  const model = useMemo(() => (data === undefined ? undefined : buildGraphModel(data.pages)), [data]);
  return {
    run,
    model,
    live,
    loadingMore: hasNextPage || (isFetching && data !== undefined && data.pages.length > 1),
    error: error ?? runQuery.error,
    readAt: dataUpdatedAt,
  };
}
