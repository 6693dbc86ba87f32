/**
 * The state-count summary above the runs table: how many runs of each state type match
 * the other filters (capped counts read "10,000+"); each count toggles its state filter.
 *
 * @module
 */
import { useQueries } from "@tanstack/react-query";
import { post } from "../../api/client.js";
import type { FlowRunCount, StateType } from "../../api/types.js";
import { formatCount } from "../../format/time.js";
import { STATE_TYPE_ORDER, stateColorVar } from "../../theme/state-colors.js";
import { countFilterOf, toFlowRunFilter, type RunsQuery } from "./filters-url.js";

const LABELS: Record<StateType, string> = {
  SCHEDULED: "Scheduled",
  PENDING: "Pending",
  RUNNING: "Running",
  PAUSED: "Paused",
  CANCELLING: "Cancelling",
  COMPLETED: "Completed",
  FAILED: "Failed",
  CRASHED: "Crashed",
  CANCELLED: "Cancelled",
};

/** Props of {@link StateCounts}. */
export interface StateCountsProps {
  readonly query: RunsQuery;
  readonly onToggle: (type: StateType) => void;
}

/** One count per state type, as toggle buttons of the state filter. */
export function StateCounts({ query, onToggle }: StateCountsProps) {
  const { states: _states, sort: _sort, ...scope } = query;
  const counts = useQueries({
    queries: STATE_TYPE_ORDER.map((type) => ({
      queryKey: ["flow-runs", "count", scope, type],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        post<FlowRunCount>(
          "/flow_runs/count",
          { filter: { ...countFilterOf(toFlowRunFilter(query, Date.now())), stateTypes: [type] } },
          signal,
        ),
    })),
  });
  let total = 0;
  let capped = false;
  let known = true;
  for (const c of counts) {
    if (c.data === undefined) known = false;
    else {
      total += c.data.count;
      capped ||= c.data.capped;
    }
  }
  return (
    <div className="state-counts" role="group" aria-label="Runs by state (toggle to filter)">
      <span className="muted total">{known ? `${formatCount(total, capped)} runs` : "Counting…"}</span>
      {STATE_TYPE_ORDER.map((type, i) => {
        const count = counts[i]?.data;
        const active = query.states.includes(type);
        return (
          <button
            key={type}
            type="button"
            className={`state-count${active ? " active" : ""}`}
            aria-pressed={active}
            onClick={() => onToggle(type)}
            title={active ? `Stop filtering by ${LABELS[type]}` : `Show only ${LABELS[type]} runs`}
            style={{ color: stateColorVar(undefined, type) }}
          >
            <span className="dot" aria-hidden="true" />
            <span className="name">{LABELS[type]}</span>
            <span className="count">
              {count === undefined ? "…" : formatCount(count.count, count.capped)}
            </span>
          </button>
        );
      })}
    </div>
  );
}
