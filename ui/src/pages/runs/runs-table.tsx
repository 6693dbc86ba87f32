/**
 * The dense, virtualised table of flow runs with row selection: only the rows in view
 * are rendered, and the next page is fetched before the reader reaches the end.
 *
 * @module
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import type { FlowRun } from "../../api/types.js";
import { StateBadge } from "../../components/state-badge.js";
import { Duration, RelativeTime } from "../../components/time.js";

const ROW_HEIGHT = 35;
/** Fetch the next page when the view is this many rows from the end of the loaded ones. */
const PREFETCH_ROWS = 40;
const COLUMNS = 8;

/** Props of {@link RunsTable}. */
export interface RunsTableProps {
  readonly runs: readonly FlowRun[];
  readonly deploymentNames: ReadonlyMap<string, string>;
  readonly selected: ReadonlySet<string>;
  readonly onSelect: (id: string, on: boolean) => void;
  readonly onSelectAll: (on: boolean) => void;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly onLoadMore: () => void;
}

/** The flow runs, one per row, with checkboxes for the bulk actions. */
export function RunsTable(props: RunsTableProps) {
  const { runs, deploymentNames, selected, onSelect, onSelectAll, hasMore, loadingMore, onLoadMore } = props;
  const scroller = useRef<HTMLDivElement>(null);
  // No React Compiler here: the virtualizer's fresh functions each render are what we want.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: runs.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  const loadMore = useRef(onLoadMore);
  useEffect(() => {
    loadMore.current = onLoadMore;
  });
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= runs.length - PREFETCH_ROWS) loadMore.current();
  }, [hasMore, loadingMore, lastIndex, runs.length]);

  const allSelected = runs.length > 0 && runs.every((r) => selected.has(r.id));
  const someSelected = !allSelected && runs.some((r) => selected.has(r.id));
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);

  return (
    <div ref={scroller} className="runs-scroll">
      <table className="table runs-table">
        <caption className="sr-only">Flow runs</caption>
        <colgroup>
          <col style={{ width: 36 }} />
          <col style={{ width: 170 }} />
          <col />
          <col style={{ width: "14%" }} />
          <col style={{ width: "16%" }} />
          <col style={{ width: 120 }} />
          <col style={{ width: 96 }} />
          <col style={{ width: "14%" }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label={allSelected ? "Clear the selection" : "Select all loaded runs"}
                checked={allSelected}
                ref={(el) => {
                  if (el !== null) el.indeterminate = someSelected;
                }}
                onChange={(e) => onSelectAll(e.target.checked)}
              />
            </th>
            <th scope="col">State</th>
            <th scope="col">Run</th>
            <th scope="col">Flow</th>
            <th scope="col">Deployment</th>
            <th scope="col">Start</th>
            <th scope="col">Duration</th>
            <th scope="col">Tags</th>
          </tr>
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={COLUMNS} style={{ height: top }} />
            </tr>
          )}
          {items.map((item) => {
            const run = runs[item.index];
            if (run === undefined) return null;
            const checked = selected.has(run.id);
            const deployment =
              run.deploymentId === undefined ? undefined : deploymentNames.get(run.deploymentId);
            return (
              <tr key={run.id} className={checked ? "selected" : undefined} style={{ height: ROW_HEIGHT }}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${run.name}`}
                    checked={checked}
                    onChange={(e) => onSelect(run.id, e.target.checked)}
                  />
                </td>
                <td>
                  <StateBadge type={run.state.type} name={run.state.name} title={run.state.message} />
                </td>
                <td className="ellipsis">
                  <Link to={`/runs/${run.id}`}>{run.name}</Link>
                </td>
                <td className="ellipsis">
                  <Link to={`/flows/${encodeURIComponent(run.flowName)}`}>{run.flowName}</Link>
                </td>
                <td className="ellipsis">
                  {run.deploymentId === undefined ? (
                    <span className="muted">—</span>
                  ) : (
                    <Link to={`/deployments/${run.deploymentId}`}>
                      {deployment ?? run.deploymentId.slice(0, 8)}
                    </Link>
                  )}
                </td>
                <td>
                  <RelativeTime at={run.startTime ?? run.expectedStartTime} />
                </td>
                <td>
                  <Duration start={run.startTime} end={run.endTime} live={run.state.type === "RUNNING"} />
                </td>
                <td className="ellipsis">
                  {run.tags.map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true" className="spacer-row">
              <td colSpan={COLUMNS} style={{ height: bottom }} />
            </tr>
          )}
        </tbody>
      </table>
      <div className="runs-foot">
        {hasMore ? (
          <button type="button" onClick={onLoadMore} disabled={loadingMore}>
            {loadingMore ? "Loading more…" : "Load more"}
          </button>
        ) : (
          <span className="muted">
            {runs.length.toLocaleString("en-US")} run{runs.length === 1 ? "" : "s"} — the end of the list
          </span>
        )}
      </div>
    </div>
  );
}
