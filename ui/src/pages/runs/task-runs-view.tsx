/**
 * The Runs page's task-run view (`/runs?view=task-runs`): task runs by state, task key
 * and tags, in creation order, a page at a time, with their flow runs' names (one
 * request per page set).
 *
 * @module
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { post } from "../../api/client.js";
import type { FlowRunPage, StateType, TaskRun } from "../../api/types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { DebouncedInput } from "../../components/runs/debounced-input.js";
import { TaskRunTable } from "../../components/runs/task-run-table.js";
import { STATE_TYPE_ORDER, stateColorVar } from "../../theme/state-colors.js";
import { splitList } from "./filters-url.js";
import {
  parseTaskRunsQuery,
  taskRunsQueryToParams,
  toTaskRunFilter,
  type TaskRunsQuery,
} from "./task-runs-url.js";

const PAGE = 100;

function stateLabel(type: StateType): string {
  return type.charAt(0) + type.slice(1).toLowerCase();
}

/** Task runs matching the URL's filters. */
export function TaskRunsView() {
  const [params, setParams] = useSearchParams();
  const query = parseTaskRunsQuery(params);
  const setQuery = (next: TaskRunsQuery) => setParams((current) => taskRunsQueryToParams(next, current));

  const pages = useInfiniteQuery({
    queryKey: ["task-runs", "list", query],
    queryFn: ({ pageParam, signal }) =>
      post<TaskRun[]>(
        "/task_runs/filter",
        { ...toTaskRunFilter(query), limit: PAGE, offset: pageParam },
        signal,
      ),
    initialPageParam: 0,
    getNextPageParam: (last, all) => (last.length < PAGE ? undefined : all.length * PAGE),
    placeholderData: keepPreviousData,
  });
  const runs = useMemo(() => pages.data?.pages.flat() ?? [], [pages.data]);

  const flowRunIds = useMemo(() => [...new Set(runs.map((r) => r.flowRunId))].sort().slice(0, 1000), [runs]);
  const flowRuns = useQuery({
    queryKey: ["flow-runs", "names", flowRunIds],
    queryFn: ({ signal }) =>
      post<FlowRunPage>(
        "/flow_runs/paginate",
        { ids: flowRunIds, limit: Math.max(1, flowRunIds.length) },
        signal,
      ),
    enabled: flowRunIds.length > 0,
    placeholderData: keepPreviousData,
  });
  const names = useMemo(
    () => new Map((flowRuns.data?.items ?? []).map((r) => [r.id, `${r.flowName} › ${r.name}`])),
    [flowRuns.data],
  );

  const toggle = (type: StateType) =>
    setQuery({
      ...query,
      states: query.states.includes(type) ? query.states.filter((t) => t !== type) : [...query.states, type],
    });
  const filtered = query.states.length > 0 || query.taskKeys.length > 0 || query.tags.length > 0;

  return (
    <>
      <form
        className="filter-bar"
        role="search"
        aria-label="Filter task runs"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="filter">
          <label htmlFor="task-keys">Tasks</label>
          <DebouncedInput
            id="task-keys"
            data-search=""
            placeholder="extract, load"
            value={query.taskKeys.join(", ")}
            onCommit={(text) => setQuery({ ...query, taskKeys: splitList(text) })}
          />
        </div>
        <div className="filter">
          <label htmlFor="task-tags">Tags (all of)</label>
          <DebouncedInput
            id="task-tags"
            placeholder="prod"
            value={query.tags.join(", ")}
            onCommit={(text) => setQuery({ ...query, tags: splitList(text) })}
          />
        </div>
      </form>
      <div className="state-counts" role="group" aria-label="Filter by state">
        {STATE_TYPE_ORDER.map((type) => {
          const active = query.states.includes(type);
          return (
            <button
              key={type}
              type="button"
              className={`state-count${active ? " active" : ""}`}
              aria-pressed={active}
              onClick={() => toggle(type)}
              style={{ color: stateColorVar(undefined, type) }}
            >
              <span className="dot" aria-hidden="true" />
              <span className="name">{stateLabel(type)}</span>
            </button>
          );
        })}
      </div>
      {pages.error !== null && <ErrorNotice error={pages.error} />}
      {pages.data === undefined ? (
        pages.error === null && <p className="muted">Loading task runs…</p>
      ) : runs.length === 0 ? (
        filtered ? (
          <EmptyState title="No task runs match these filters." />
        ) : (
          <EmptyState
            title="No task runs yet. Run a flow with tasks to see them here."
            command="ordo run examples/etl.ts:etl --param n=5"
          />
        )
      ) : (
        <>
          <p className="muted">Oldest first (the order they were created in).</p>
          <TaskRunTable runs={runs} flowRunNames={names} caption="Task runs" />
          <div className="runs-foot">
            {pages.hasNextPage ? (
              <button
                type="button"
                onClick={() => void pages.fetchNextPage()}
                disabled={pages.isFetchingNextPage}
              >
                {pages.isFetchingNextPage ? "Loading more…" : "Load more"}
              </button>
            ) : (
              <span className="muted">
                {runs.length.toLocaleString("en-US")} task runs — the end of the list
              </span>
            )}
          </div>
        </>
      )}
    </>
  );
}
