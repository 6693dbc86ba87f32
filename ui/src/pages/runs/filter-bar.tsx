/**
 * The Runs page's filter bar: name search (`/` focuses it), flows, deployment, tags, time
 * range and sort. Every control writes the URL; the URL is the only state.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { post } from "../../api/client.js";
import type { Deployment } from "../../api/types.js";
import { DebouncedInput } from "../../components/runs/debounced-input.js";
import { RUNS_SORTS, TIME_RANGES, splitList, type RunsQuery, type TimeRangeKey } from "./filters-url.js";

const RANGE_LABELS: Record<TimeRangeKey, string> = {
  all: "Any time",
  "1h": "Last hour",
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  custom: "Custom…",
};

const SORT_LABELS: Record<RunsQuery["sort"], string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  name: "By name",
};

/** `ms` as a `datetime-local` value, in the browser's time zone. */
function toLocalInput(ms: number | undefined): string {
  if (ms === undefined) return "";
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function fromLocalInput(text: string): number | undefined {
  if (text === "") return undefined;
  const at = new Date(text).getTime();
  return Number.isFinite(at) ? at : undefined;
}

/** Props of {@link FilterBar}. */
export interface FilterBarProps {
  readonly query: RunsQuery;
  readonly onChange: (next: RunsQuery) => void;
}

/** The filter controls of the flow-run view. */
export function FilterBar({ query, onChange }: FilterBarProps) {
  const deployments = useQuery({
    queryKey: ["deployments", "options"],
    queryFn: ({ signal }) => post<Deployment[]>("/deployments/filter", { limit: 200 }, signal),
    staleTime: 60_000,
  });
  const selectedDeployment = query.deployments[0] ?? "";
  const knownIds = new Set((deployments.data ?? []).map((d) => d.id));
  return (
    <form
      className="filter-bar"
      role="search"
      aria-label="Filter flow runs"
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="filter">
        <label htmlFor="runs-search">Name starts with</label>
        <DebouncedInput
          id="runs-search"
          type="search"
          data-search=""
          placeholder="Search runs…  ( / )"
          value={query.search}
          onCommit={(text) => onChange({ ...query, search: text.trim() })}
        />
      </div>
      <div className="filter">
        <label htmlFor="runs-flows">Flows</label>
        <DebouncedInput
          id="runs-flows"
          placeholder="etl, map-reduce"
          value={query.flows.join(", ")}
          onCommit={(text) => onChange({ ...query, flows: splitList(text) })}
        />
      </div>
      <div className="filter">
        <label htmlFor="runs-deployment">Deployment</label>
        <select
          id="runs-deployment"
          value={selectedDeployment}
          onChange={(e) => onChange({ ...query, deployments: e.target.value === "" ? [] : [e.target.value] })}
        >
          <option value="">All deployments</option>
          {selectedDeployment !== "" && !knownIds.has(selectedDeployment) && (
            <option value={selectedDeployment}>{selectedDeployment}</option>
          )}
          {(deployments.data ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.flowName}/{d.name}
            </option>
          ))}
        </select>
      </div>
      <div className="filter">
        <label htmlFor="runs-tags">Tags (all of)</label>
        <DebouncedInput
          id="runs-tags"
          placeholder="prod, nightly"
          value={query.tags.join(", ")}
          onCommit={(text) => onChange({ ...query, tags: splitList(text) })}
        />
      </div>
      <div className="filter">
        <label htmlFor="runs-range">Expected start</label>
        <select
          id="runs-range"
          value={query.range}
          onChange={(e) => {
            const range = e.target.value as TimeRangeKey;
            onChange(
              range === "custom"
                ? { ...query, range, from: query.from ?? Date.now() - 86_400_000, to: query.to }
                : { ...query, range, from: undefined, to: undefined },
            );
          }}
        >
          {TIME_RANGES.map((r) => (
            <option key={r} value={r}>
              {RANGE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      {query.range === "custom" && (
        <>
          <div className="filter">
            <label htmlFor="runs-from">From</label>
            <input
              id="runs-from"
              type="datetime-local"
              value={toLocalInput(query.from)}
              onChange={(e) => onChange({ ...query, from: fromLocalInput(e.target.value) })}
            />
          </div>
          <div className="filter">
            <label htmlFor="runs-to">To</label>
            <input
              id="runs-to"
              type="datetime-local"
              value={toLocalInput(query.to)}
              onChange={(e) => onChange({ ...query, to: fromLocalInput(e.target.value) })}
            />
          </div>
        </>
      )}
      <div className="filter">
        <label htmlFor="runs-sort">Sort</label>
        <select
          id="runs-sort"
          value={query.sort}
          onChange={(e) => onChange({ ...query, sort: e.target.value as RunsQuery["sort"] })}
        >
          {RUNS_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
