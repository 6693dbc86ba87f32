/**
 * Runs by state over time: the history buckets of the range (one request), drawn as a
 * stacked bar chart in the state palette.
 *
 * @module
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { post } from "../../api/client.js";
import type { HistoryBucket } from "../../api/types.js";
import { StackedBarChart } from "../../components/charts/stacked-bar-chart.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { formatBucketSpan, formatBucketTick } from "./bucket-format.js";
import { HISTORY_ORDER, stateSeries, stateTypeLabel } from "./state-series.js";
import { RANGES, type RangeKey, type RangeWindow } from "./time-range.js";

/** Sums each state type over the buckets, for the chart's words. */
function totals(buckets: readonly HistoryBucket[]): string {
  const sums = new Map<string, number>();
  for (const b of buckets) for (const [k, v] of Object.entries(b.counts)) sums.set(k, (sums.get(k) ?? 0) + v);
  const parts = [...sums].filter(([, v]) => v > 0).map(([k, v]) => `${v} ${stateTypeLabel(k)}`);
  return parts.length === 0 ? "no runs" : parts.join(", ");
}

/** The chart of `span`, bucketed as `range` says. */
export function RunHistory({ range, span }: { readonly range: RangeKey; readonly span: RangeWindow }) {
  const history = useQuery({
    queryKey: ["dashboard", "history", span.from, span.to, span.intervalSeconds, span.until],
    queryFn: ({ signal }) =>
      post<HistoryBucket[]>(
        "/flow_runs/history",
        {
          from: span.from,
          to: span.to,
          intervalSeconds: span.intervalSeconds,
          filter: { expectedStartTime: { before: span.until } },
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="card" aria-labelledby="run-history">
      <h2 id="run-history">Runs by state</h2>
      {history.error !== null ? (
        <ErrorNotice error={history.error} />
      ) : history.data === undefined ? (
        <p className="muted chart-placeholder">Loading…</p>
      ) : (
        <StackedBarChart
          buckets={history.data}
          order={HISTORY_ORDER}
          series={stateSeries}
          formatTick={(start) => formatBucketTick(range, start)}
          formatSpan={(start, end) => formatBucketSpan(range, start, end)}
          ariaLabel={`Runs by state, ${RANGES[range].label.toLowerCase()}, by expected start: ${totals(history.data)}`}
        />
      )}
    </section>
  );
}
