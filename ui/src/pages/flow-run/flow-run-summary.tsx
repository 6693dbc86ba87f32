/**
 * The flow run page's summary under the title: status and times, who started it, where
 * it runs, and its parameters at a glance.
 *
 * @module
 */
import { Link } from "react-router";
import type { Deployment, FlowRun } from "../../api/types.js";
import { CopyButton } from "../../components/copy-button.js";
import { Duration, RelativeTime } from "../../components/time.js";
import { RunOriginView } from "./run-origin-view.js";

const PARAMS_SHOWN = 6;

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** True when the state's message only repeats its error ("Error: boom"). */
function repeatsError(run: FlowRun): boolean {
  const error = run.state.error;
  return error !== undefined && run.state.message === `${error.name}: ${error.message}`;
}

/** Props of {@link FlowRunSummary}. */
export interface FlowRunSummaryProps {
  readonly run: FlowRun;
  readonly deployment: Deployment | undefined;
}

/** Status, origin, place and parameters of a flow run. */
export function FlowRunSummary({ run, deployment }: FlowRunSummaryProps) {
  // The clock runs while the run runs (or holds its process, paused or being cancelled).
  const moving =
    run.state.type === "RUNNING" || run.state.type === "PAUSED" || run.state.type === "CANCELLING";
  const params = Object.entries(run.parameters);
  const pool = deployment?.workPoolName;
  return (
    <div className="grid cols-2 run-summary">
      <section className="card" aria-labelledby="run-status">
        <h2 id="run-status">Status</h2>
        <dl className="props">
          <dt>Duration</dt>
          <dd>
            {run.endTime === undefined && !moving && run.totalRunTimeMs > 0 ? (
              <Duration ms={run.totalRunTimeMs} />
            ) : (
              <Duration
                start={run.startTime}
                end={run.endTime}
                live={moving && run.startTime !== undefined}
              />
            )}
            {run.totalRunTimeMs > 0 && run.runCount > 1 && (
              <span className="muted">
                {" "}
                ({Math.round(run.totalRunTimeMs / 1000)} s running over {run.runCount} attempts)
              </span>
            )}
          </dd>
          <dt>Started</dt>
          <dd>
            <RelativeTime at={run.startTime} />
          </dd>
          <dt>Ended</dt>
          <dd>
            <RelativeTime at={run.endTime} />
          </dd>
          <dt>Expected start</dt>
          <dd>
            <RelativeTime at={run.expectedStartTime} />
          </dd>
          <dt>Attempts</dt>
          <dd>
            {run.runCount}
            {run.retries > 0 && <span className="muted"> (up to {run.retries + 1})</span>}
          </dd>
          {run.state.message !== undefined && run.state.message !== "" && !repeatsError(run) && (
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
          {run.state.error !== undefined && (
            <>
              <dt>Error</dt>
              <dd className="state-error">
                {run.state.error.name}: {run.state.error.message}
                {run.state.error.code !== undefined && ` (${run.state.error.code})`}
                {run.state.error.stack !== undefined && (
                  <details>
                    <summary className="muted">Stack</summary>
                    <pre className="block">{run.state.error.stack}</pre>
                  </details>
                )}
              </dd>
            </>
          )}
        </dl>
      </section>
      <section className="card" aria-labelledby="run-origin">
        <h2 id="run-origin">Origin and place</h2>
        <dl className="props">
          <dt>Started by</dt>
          <dd>
            <RunOriginView run={run} deployment={deployment} />
          </dd>
          <dt>Flow</dt>
          <dd>
            <Link to={`/flows/${encodeURIComponent(run.flowName)}`}>{run.flowName}</Link>
            {run.flowVersion !== undefined && <span className="muted"> version {run.flowVersion}</span>}
          </dd>
          <dt>Work pool</dt>
          <dd>
            {pool === undefined ? (
              <span className="muted">
                {run.deploymentId === undefined ? "— (runs where its code was started)" : "—"}
              </span>
            ) : (
              <>
                <Link to={`/work-pools/${encodeURIComponent(pool)}`}>{pool}</Link>
                <span className="muted"> · queue {deployment?.workQueueName ?? "default"}</span>
              </>
            )}
          </dd>
          <dt>Worker</dt>
          <dd>{run.workerName ?? <span className="muted">—</span>}</dd>
          <dt>Process</dt>
          <dd>
            {run.host === undefined ? (
              <span className="muted">—</span>
            ) : (
              <span className="mono">
                {run.host}
                {run.pid !== undefined && ` pid ${run.pid}`}
              </span>
            )}
          </dd>
          <dt>Run id</dt>
          <dd className="row">
            <span className="mono">{run.id}</span>
            <CopyButton value={run.id} label="Copy id" />
          </dd>
          {run.tags.length > 0 && (
            <>
              <dt>Tags</dt>
              <dd>
                {run.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))}
              </dd>
            </>
          )}
          <dt>Parameters</dt>
          <dd>
            {params.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              <span className="mono">
                {params
                  .slice(0, PARAMS_SHOWN)
                  .map(([key, value]) => `${key}=${short(value)}`)
                  .join("  ")}
                {params.length > PARAMS_SHOWN && (
                  <>
                    {" "}
                    <Link to="?tab=parameters">+{params.length - PARAMS_SHOWN} more</Link>
                  </>
                )}
              </span>
            )}
          </dd>
        </dl>
      </section>
    </div>
  );
}
