/**
 * The task run page (`/task-runs/:id`): state, duration, its flow run, task key, attempts,
 * cache key, the upstream task runs that fed its arguments, tags; then its logs, state
 * history and result (`?tab=logs|states|result`). Live while it is not over.
 *
 * @module
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { api, post } from "../../api/client.js";
import type { FlowRun, StateData, TaskRun } from "../../api/types.js";
import { CopyButton } from "../../components/copy-button.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import { LogView } from "../../components/runs/log-view.js";
import { ResultView } from "../../components/runs/result-view.js";
import { isTerminal } from "../../components/runs/run-states.js";
import "../../components/runs/runs.css";
import { StateHistory } from "../../components/runs/state-history.js";
import { StateBadge } from "../../components/state-badge.js";
import { Duration, RelativeTime } from "../../components/time.js";
import { inputRows, taskStateHistory, upstreamIds } from "./task-run-facts.js";

const POLL_MS = 3000;
const TABS = [
  { id: "logs", label: "Logs" },
  { id: "states", label: "State history" },
  { id: "result", label: "Result" },
] as const;
type TabId = (typeof TABS)[number]["id"];

function parseTab(params: URLSearchParams): TabId {
  return TABS.find((t) => t.id === params.get("tab"))?.id ?? "logs";
}

function Inputs({ run }: { readonly run: TaskRun }) {
  const rows = inputRows(run);
  const ids = useMemo(() => upstreamIds(run), [run]);
  const upstream = useQuery({
    queryKey: ["task-runs", "by-ids", ids],
    queryFn: ({ signal }) => post<TaskRun[]>("/task_runs/filter", { ids, limit: ids.length }, signal),
    enabled: ids.length > 0,
    placeholderData: keepPreviousData,
  });
  const byId = new Map((upstream.data ?? []).map((t) => [t.id, t]));
  if (rows.length === 0)
    return <p className="muted">No upstream task run fed this one (its arguments were plain values).</p>;
  return (
    <table className="table">
      <caption className="sr-only">Upstream task runs by argument</caption>
      <thead>
        <tr>
          <th scope="col">Argument</th>
          <th scope="col">From</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.path ?? "wait-for"}>
            <td title={row.path === undefined ? undefined : `argument path ${row.path}`}>{row.label}</td>
            <td className="wrap">
              {row.taskRunIds.map((id) => {
                const t = byId.get(id);
                return (
                  <span key={id} className="upstream">
                    {t !== undefined && <StateBadge type={t.state.type} name={t.state.name} />}{" "}
                    <Link to={`/task-runs/${id}`}>{t?.name ?? id}</Link>
                  </span>
                );
              })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function States({ run }: { readonly run: TaskRun }) {
  const records = useQuery({
    queryKey: ["task-runs", "one", run.id, "states", run.state.timestamp],
    queryFn: ({ signal }) => api<StateData[]>(`/task_runs/${encodeURIComponent(run.id)}/states`, { signal }),
  });
  if (records.error !== null) return <ErrorNotice error={records.error} />;
  return (
    <StateHistory
      states={taskStateHistory(run.stateHistory, records.data ?? [])}
      live={!isTerminal(run.state.type)}
    />
  );
}

function TaskRunView({ run }: { readonly run: TaskRun }) {
  const [params] = useSearchParams();
  const tab = parseTab(params);
  const flowRun = useQuery({
    queryKey: ["flow-run", run.flowRunId],
    queryFn: ({ signal }) => api<FlowRun>(`/flow_runs/${encodeURIComponent(run.flowRunId)}`, { signal }),
    staleTime: 10_000,
  });
  return (
    <>
      <PageHeader title={run.name}>
        <span data-testid="run-state" aria-label="State">
          <StateBadge type={run.state.type} name={run.state.name} title={run.state.message} />
        </span>
        <span className="muted">
          task run of{" "}
          <Link to={`/runs/${run.flowRunId}`}>
            {flowRun.data === undefined ? run.flowRunId : `${flowRun.data.flowName} › ${flowRun.data.name}`}
          </Link>
        </span>
      </PageHeader>
      <div className="grid cols-2">
        <section className="card" aria-labelledby="task-status">
          <h2 id="task-status">Status</h2>
          <dl className="props">
            <dt>Duration</dt>
            <dd>
              <Duration
                start={run.startTime}
                end={run.endTime}
                live={run.state.type === "RUNNING" && run.startTime !== undefined}
              />
            </dd>
            <dt>Started</dt>
            <dd>
              <RelativeTime at={run.startTime} />
            </dd>
            <dt>Ended</dt>
            <dd>
              <RelativeTime at={run.endTime} />
            </dd>
            <dt>Attempts</dt>
            <dd>{run.runCount}</dd>
            {run.state.message !== undefined && run.state.message !== "" && (
              <>
                <dt>Message</dt>
                <dd
                  className={
                    run.state.type === "FAILED" || run.state.type === "CRASHED" ? "state-error" : undefined
                  }
                >
                  {run.state.message}
                </dd>
              </>
            )}
            {run.state.error?.stack !== undefined && (
              <>
                <dt>Stack</dt>
                <dd>
                  <details>
                    <summary>{run.state.error.name}</summary>
                    <pre className="block">{run.state.error.stack}</pre>
                  </details>
                </dd>
              </>
            )}
          </dl>
        </section>
        <section className="card" aria-labelledby="task-identity">
          <h2 id="task-identity">Task</h2>
          <dl className="props">
            <dt>Task key</dt>
            <dd className="mono">{run.taskKey}</dd>
            <dt>Call</dt>
            <dd>
              #{Number(run.dynamicKey) + 1 || run.dynamicKey}{" "}
              <span className="muted">(dynamic key {run.dynamicKey})</span>
            </dd>
            <dt>Cache key</dt>
            <dd>
              {run.cacheKey === undefined ? (
                <span className="muted">none</span>
              ) : (
                <span className="row">
                  <span className="mono">{run.cacheKey}</span>
                  <CopyButton value={run.cacheKey} label="Copy cache key" />
                  {run.cacheExpiration !== undefined && (
                    <span className="muted">
                      expires <RelativeTime at={run.cacheExpiration} />
                    </span>
                  )}
                </span>
              )}
            </dd>
            {run.parentTaskRunId !== undefined && (
              <>
                <dt>Called by</dt>
                <dd>
                  <Link to={`/task-runs/${run.parentTaskRunId}`}>its parent task run</Link>
                </dd>
              </>
            )}
            <dt>Tags</dt>
            <dd>
              {run.tags.length === 0 ? (
                <span className="muted">none</span>
              ) : (
                run.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))
              )}
            </dd>
            <dt>Task run id</dt>
            <dd className="row">
              <span className="mono">{run.id}</span>
              <CopyButton value={run.id} label="Copy id" />
            </dd>
          </dl>
        </section>
      </div>
      <section className="card task-inputs" aria-labelledby="task-inputs">
        <h2 id="task-inputs">Inputs</h2>
        <Inputs run={run} />
      </section>
      <nav className="tabs" aria-label="Task run views">
        {TABS.map((t) => (
          <Link
            key={t.id}
            to={{ search: t.id === "logs" ? "" : `tab=${t.id}` }}
            className={t.id === tab ? "active" : undefined}
            aria-current={t.id === tab ? "page" : undefined}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {tab === "logs" && (
        <LogView
          key={run.id}
          flowRunId={run.flowRunId}
          taskRunId={run.id}
          fileName={`${run.name}-${run.id.slice(0, 8)}`}
          cliCommand={`ordo flow-run logs ${run.flowRunId}`}
        />
      )}
      {tab === "states" && <States run={run} />}
      {tab === "result" && <ResultView result={run.result} />}
    </>
  );
}

/** The Task run page. */
export function TaskRunPage() {
  const { id = "" } = useParams();
  const run = useQuery({
    queryKey: ["task-runs", "one", id],
    queryFn: ({ signal }) => api<TaskRun>(`/task_runs/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (query) => {
      const type = query.state.data?.state.type;
      return type === undefined || isTerminal(type) ? false : POLL_MS;
    },
  });
  if (run.data === undefined) {
    return (
      <>
        <PageHeader title="Task run" />
        {run.error !== null ? (
          <ErrorNotice error={run.error} />
        ) : (
          <p className="muted">Loading the task run…</p>
        )}
      </>
    );
  }
  return <TaskRunView run={run.data} />;
}
