/**
 * The flow run's Task runs tab: its task runs in creation order, pages of 500, polled
 * while the run is not over (besides the live updates).
 *
 * @module
 */
import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { post } from "../../api/client.js";
import type { FlowRun, TaskRun } from "../../api/types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { isTerminal } from "../../components/runs/run-states.js";
import { TaskRunTable } from "../../components/runs/task-run-table.js";
import { LIVE_POLL_MS } from "./use-flow-run-data.js";

const PAGE = 500;

/** The task runs of `run`. */
export function TaskRunsTab({ run }: { readonly run: FlowRun }) {
  const live = !isTerminal(run.state.type);
  const pages = useInfiniteQuery({
    queryKey: ["task-runs", "of-flow-run", run.id, "pages"],
    queryFn: ({ pageParam, signal }) =>
      post<TaskRun[]>("/task_runs/filter", { flowRunId: run.id, limit: PAGE, offset: pageParam }, signal),
    initialPageParam: 0,
    getNextPageParam: (last, all) => (last.length < PAGE ? undefined : all.length * PAGE),
    refetchInterval: live ? LIVE_POLL_MS : false,
  });
  const runs = useMemo(() => pages.data?.pages.flat() ?? [], [pages.data]);
  if (pages.error !== null) return <ErrorNotice error={pages.error} />;
  if (pages.data === undefined) return <p className="muted">Loading task runs…</p>;
  if (runs.length === 0) {
    return (
      <EmptyState title={live ? "No task runs yet." : "This run called no tasks."}>
        {live && <p>Task runs appear here as the flow calls its tasks.</p>}
      </EmptyState>
    );
  }
  return (
    <>
      <TaskRunTable runs={runs} caption={`Task runs of ${run.name}`} />
      {pages.hasNextPage && (
        <div className="runs-foot">
          <button
            type="button"
            onClick={() => void pages.fetchNextPage()}
            disabled={pages.isFetchingNextPage}
          >
            {pages.isFetchingNextPage ? "Loading more…" : "Load more"}
          </button>
        </div>
      )}
    </>
  );
}
