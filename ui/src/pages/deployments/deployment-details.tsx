/**
 * A deployment's details: description, version, entrypoint, tags, limits, default
 * parameters, and its schedules in words, each with a switch that pauses or resumes it.
 *
 * @module
 */
import type { Deployment } from "../../api/types.js";
import { CopyButton } from "../../components/copy-button.js";
import { RelativeTime } from "../../components/time.js";
import { scheduleSpecText } from "./schedule-text.js";
import { useScheduleSwitch } from "./use-schedule-switch.js";

/** The details and schedules cards of a deployment. */
export function DeploymentDetails({ deployment: d }: { readonly deployment: Deployment }) {
  const scheduleSwitch = useScheduleSwitch(d);
  return (
    <div className="grid cols-2">
      <section className="card" aria-labelledby="deployment-details">
        <h2 id="deployment-details">Details</h2>
        <dl className="props">
          {d.description !== undefined && d.description !== "" && (
            <>
              <dt>Description</dt>
              <dd>{d.description}</dd>
            </>
          )}
          <dt>Version</dt>
          <dd>{d.version ?? <span className="muted">—</span>}</dd>
          <dt>Entrypoint</dt>
          <dd className="mono">{d.entrypoint}</dd>
          <dt>Tags</dt>
          <dd>
            {d.tags.length === 0 ? (
              <span className="muted">none</span>
            ) : (
              d.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))
            )}
          </dd>
          <dt>Retries</dt>
          <dd>{d.retries}</dd>
          <dt>Concurrency</dt>
          <dd>
            {d.concurrencyLimit === undefined
              ? "no limit"
              : `at most ${d.concurrencyLimit} at once (${d.collisionStrategy === "ENQUEUE" ? "others wait" : "others are cancelled"})`}
          </dd>
          <dt>Late runs</dt>
          <dd>
            {d.stalePolicy === "RUN_ANYWAY"
              ? "run anyway"
              : d.stalePolicy === "SKIP_IF_NEWER"
                ? "skipped when a newer run is due"
                : `cancelled after ${d.staleAfterSeconds ?? "?"} s`}
          </dd>
          <dt>Updated</dt>
          <dd>
            <RelativeTime at={d.updatedAt} />
          </dd>
          <dt>Id</dt>
          <dd className="mono">
            {d.id} <CopyButton value={d.id} />
          </dd>
        </dl>
      </section>
      <div className="grid">
        <section className="card" aria-labelledby="deployment-schedules">
          <h2 id="deployment-schedules">Schedules</h2>
          {d.schedules.length === 0 ? (
            <p className="muted">No schedule: runs start on demand (Quick run, Custom run, or the CLI).</p>
          ) : (
            <ul className="schedule-list">
              {d.schedules.map((s) => {
                const text = s.description === "" ? scheduleSpecText(s) : s.description;
                return (
                  <li key={s.id}>
                    <button
                      type="button"
                      role="switch"
                      className="switch"
                      aria-checked={s.active}
                      aria-label={`Schedule ${text}${s.slug === undefined ? "" : ` (${s.slug})`} active`}
                      title={s.active ? "Pause this schedule" : "Resume this schedule"}
                      disabled={scheduleSwitch.isPending}
                      onClick={() => scheduleSwitch.mutate({ schedule: s, active: !s.active })}
                    />
                    <strong>{text}</strong>
                    <span className="mono muted">{scheduleSpecText(s)}</span>
                    <span className={s.active && !d.paused ? "tag" : "tag muted"}>
                      {!s.active ? "inactive" : d.paused ? "paused with the deployment" : "active"}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="deployment-parameters">
          <h2 id="deployment-parameters">Default parameters</h2>
          {Object.keys(d.parameters).length === 0 ? (
            <p className="muted">None: the flow's own defaults apply.</p>
          ) : (
            <pre className="block">{JSON.stringify(d.parameters, null, 2)}</pre>
          )}
        </section>
      </div>
    </div>
  );
}
