/**
 * The Runs page's flow-run view: filter bar, state counts, bulk actions and the
 * virtualised table, all driven by the URL's query string.
 *
 * @module
 */
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { StateType } from "../../api/types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { BulkActions } from "./bulk-actions.js";
import { FilterBar } from "./filter-bar.js";
import {
  DEFAULT_RUNS_QUERY,
  isUnfiltered,
  parseRunsQuery,
  runsQueryToParams,
  type RunsQuery,
} from "./filters-url.js";
import { RunsTable } from "./runs-table.js";
import { StateCounts } from "./state-counts.js";
import { useDeploymentNames, useFlowRunPages } from "./use-flow-run-pages.js";

/** Flow runs matching the URL's filters. */
export function FlowRunsView() {
  const [params, setParams] = useSearchParams();
  const query = parseRunsQuery(params);
  const setQuery = (next: RunsQuery) => setParams((current) => runsQueryToParams(next, current));
  const toggleState = (type: StateType) =>
    setQuery({
      ...query,
      states: query.states.includes(type) ? query.states.filter((t) => t !== type) : [...query.states, type],
    });

  const { pages, runs } = useFlowRunPages(query);
  const deploymentNames = useDeploymentNames(runs);

  // The selection belongs to one set of filters: new filters start with none selected.
  const scope = runsQueryToParams(query).toString();
  const [selection, setSelection] = useState<{ scope: string; ids: ReadonlySet<string> }>({
    scope,
    ids: new Set(),
  });
  const selected = selection.scope === scope ? selection.ids : new Set<string>();
  const select = (id: string, on: boolean) => {
    const ids = new Set(selected);
    if (on) ids.add(id);
    else ids.delete(id);
    setSelection({ scope, ids });
  };

  return (
    <>
      <FilterBar query={query} onChange={setQuery} />
      <StateCounts query={query} onToggle={toggleState} />
      {selected.size > 0 && (
        <BulkActions ids={[...selected]} onClear={() => setSelection({ scope, ids: new Set() })} />
      )}
      {pages.error !== null && <ErrorNotice error={pages.error} />}
      {pages.data === undefined ? (
        pages.error === null && <p className="muted">Loading runs…</p>
      ) : runs.length === 0 ? (
        isUnfiltered(query) ? (
          <EmptyState
            title="No flow runs yet. Run a flow to see it here."
            command="ordo run examples/etl.ts:etl --param n=5"
          />
        ) : (
          <EmptyState title="No runs match these filters.">
            <button type="button" onClick={() => setQuery(DEFAULT_RUNS_QUERY)}>
              Clear the filters
            </button>
          </EmptyState>
        )
      ) : (
        <RunsTable
          runs={runs}
          deploymentNames={deploymentNames}
          selected={selected}
          onSelect={select}
          onSelectAll={(on) => setSelection({ scope, ids: on ? new Set(runs.map((r) => r.id)) : new Set() })}
          hasMore={pages.hasNextPage}
          loadingMore={pages.isFetchingNextPage}
          onLoadMore={() => void pages.fetchNextPage()}
        />
      )}
    </>
  );
}
