/**
 * The flow run page (`/runs/:id`): a header that answers status, duration, who started
 * it, where it runs and why it waits; actions (cancel, retry, resume); and tabs in
 * `?tab=`: Graph, Timeline, Logs, Task runs, Subflows, Artifacts, Parameters & result,
 * State history. Live: state events refresh it, polling backs that up while it runs.
 *
 * @module
 */
import { useQueryClient } from "@tanstack/react-query";
import { lazy, Suspense, useEffect } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import type { FlowRun } from "../../api/types.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import { FlowRunTable } from "../../components/runs/flow-run-table.js";
import { prestartLayoutWorker } from "../../graph/use-graph-layout.js";
import { usePrefetchRunGraph } from "../../graph/use-run-graph.js";
import { retryMode } from "../../components/runs/run-states.js";
import "../../components/runs/runs.css";
import { CopyButton } from "../../components/copy-button.js";
import { StateBadge } from "../../components/state-badge.js";
import { FlowRunActions } from "./flow-run-actions.js";
import "./flow-run-page.css";
import { FlowRunSummary } from "./flow-run-summary.js";
import { FLOW_RUN_TABS, flowRunTabParams, parseFlowRunTab, type FlowRunTabId } from "./flow-run-tabs.js";
import { GraphTab } from "./graph-tab.js";
import { LogsTab } from "./logs-tab.js";
import { ParametersTab } from "./parameters-tab.js";
import { StatesTab } from "./states-tab.js";
import { TaskRunsTab } from "./task-runs-tab.js";
import { TimelineTab } from "./timeline-tab.js";
import { useDeployment, useFlowRun } from "./use-flow-run-data.js";
import { WaitingNotice } from "./waiting-notice.js";

// Loaded when first shown: the Artifacts tab's markdown renderer and the resume form's
// schema form are the largest parts of the page, and most visits need neither.
const ArtifactsTab = lazy(async () => ({ default: (await import("./artifacts-tab.js")).ArtifactsTab }));
const ResumeRunForm = lazy(async () => ({ default: (await import("./resume-run-form.js")).ResumeRunForm }));

function Loading() {
  return <p className="muted">Loading…</p>;
}

function TabContent({ tab, run }: { readonly tab: FlowRunTabId; readonly run: FlowRun }) {
  switch (tab) {
    case "graph":
      return <GraphTab flowRunId={run.id} />;
    case "timeline":
      return <TimelineTab flowRunId={run.id} />;
    case "logs":
      return <LogsTab run={run} />;
    case "task-runs":
      return <TaskRunsTab run={run} />;
    case "subflows":
      return (
        <FlowRunTable
          filter={{ parentFlowRunId: run.id, sort: "OLDEST", limit: 100 }}
          emptyTitle="This run started no subflows."
          hideFlow={false}
        />
      );
    case "artifacts":
      return (
        <Suspense fallback={<Loading />}>
          <ArtifactsTab flowRunId={run.id} />
        </Suspense>
      );
    case "parameters":
      return <ParametersTab run={run} />;
    case "states":
      return <StatesTab run={run} />;
  }
}

function FlowRunView({ run }: { readonly run: FlowRun }) {
  const [params] = useSearchParams();
  const tab = parseFlowRunTab(params);
  const client = useQueryClient();
  const deployment = useDeployment(run.deploymentId).data;
  const poolName = deployment?.workPoolName;
  const retry = retryMode(run);
  return (
    <>
      <PageHeader title={run.name} actions={<FlowRunActions run={run} poolName={poolName} />}>
        <span data-testid="run-state" aria-label="State">
          <StateBadge type={run.state.type} name={run.state.name} title={run.state.message} />
        </span>
        <span className="muted">
          run of <Link to={`/flows/${encodeURIComponent(run.flowName)}`}>{run.flowName}</Link>
        </span>
      </PageHeader>
      <WaitingNotice run={run} poolName={poolName} />
      {run.state.type === "PAUSED" && (
        <section id="resume" className="card resume-card" aria-labelledby="resume-title">
          <h2 id="resume-title">Resume this run</h2>
          <Suspense fallback={<Loading />}>
            <ResumeRunForm
              run={run}
              onDone={() => {
                void client.invalidateQueries({ queryKey: ["flow-run", run.id] });
                void client.invalidateQueries({ queryKey: ["flow-runs"] });
              }}
            />
          </Suspense>
        </section>
      )}
      {retry === "cli" && (
        <p className="muted retry-hint row">
          Started from code: retry it where its code is (its completed tasks are reused):
          <code>ordo flow-run retry {run.id}</code>
          <CopyButton value={`ordo flow-run retry ${run.id}`} label="Copy command" />
        </p>
      )}
      <FlowRunSummary run={run} deployment={deployment} />
      <nav className="tabs" aria-label="Flow run views">
        {FLOW_RUN_TABS.map((t) => (
          <Link
            key={t.id}
            to={{ search: flowRunTabParams(t.id).toString() }}
            className={t.id === tab ? "active" : undefined}
            aria-current={t.id === tab ? "page" : undefined}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      <div className="tab-body">
        <TabContent tab={tab} run={run} />
      </div>
    </>
  );
}

/** The Flow run page. */
export function FlowRunPage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const graphTab = parseFlowRunTab(params) === "graph" && id !== "";
  // Opened on the Graph tab: its first page is asked for before the run's own read
  // starts, and its layout worker loads meanwhile.
  usePrefetchRunGraph(id, graphTab);
  const run = useFlowRun(id);
  useEffect(() => {
    if (graphTab) prestartLayoutWorker();
  }, [graphTab]);
  if (run.data === undefined) {
    return (
      <>
        <PageHeader title="Flow run" />
        {run.error !== null ? (
          <ErrorNotice error={run.error} />
        ) : (
          <p className="muted">Loading the flow run…</p>
        )}
      </>
    );
  }
  return <FlowRunView run={run.data} />;
}
