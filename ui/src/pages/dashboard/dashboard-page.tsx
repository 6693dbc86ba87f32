/**
 * The dashboard: what is happening and what went wrong in a time range (`?range=`):
 * headline counts, runs by state over time, failing flows, late runs, work pool health
 * and the latest runs. Every region is one query whose key starts with "dashboard",
 * "flow-runs" or "work-pools", so run events refresh it.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { post } from "../../api/client.js";
import type { FlowRunCount } from "../../api/types.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import { FlowRunTable } from "../../components/runs/flow-run-table.js";
import { useNow } from "../../components/time.js";
import { FailingFlowsCard } from "./failing-flows-card.js";
import { GettingStarted } from "./getting-started.js";
import { HeadlineCards } from "./headline-cards.js";
import { PoolHealthCard } from "./pool-health-card.js";
import { RangePicker } from "./range-picker.js";
import { RunHistory } from "./run-history.js";
import { parseRange, rangeWindow } from "./time-range.js";
import "./dashboard.css";

/** The Dashboard page. */
export function DashboardPage() {
  const [params] = useSearchParams();
  const range = parseRange(params.get("range"));
  // The window moves when a new bucket begins (at most once a minute is checked).
  const span = rangeWindow(range, useNow());
  const anyRun = useQuery({
    queryKey: ["dashboard", "any-run"],
    queryFn: ({ signal }) => post<FlowRunCount>("/flow_runs/count", { cap: 1 }, signal),
  });
  return (
    <div className="dashboard">
      <PageHeader title="Dashboard" actions={<RangePicker current={range} />} />
      {anyRun.error !== null ? (
        <ErrorNotice error={anyRun.error} />
      ) : anyRun.data === undefined ? (
        <p className="muted">Loading…</p>
      ) : anyRun.data.count === 0 ? (
        <>
          <GettingStarted />
          <PoolHealthCard />
        </>
      ) : (
        <>
          <HeadlineCards span={span} />
          <RunHistory range={range} span={span} />
          <div className="grid cols-2">
            <FailingFlowsCard span={span} />
            <PoolHealthCard />
          </div>
          <section className="card" aria-labelledby="late-runs">
            <h2 id="late-runs">Late runs</h2>
            <FlowRunTable filter={{ stateNames: ["Late"], limit: 10 }} emptyTitle="No late runs." />
          </section>
          <section className="card" aria-labelledby="recent-runs">
            <h2 id="recent-runs">Recent runs</h2>
            <FlowRunTable filter={{ limit: 10 }} />
          </section>
        </>
      )}
    </div>
  );
}
