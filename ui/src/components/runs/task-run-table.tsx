/**
 * A table of task runs: state, name, task, flow run, start, duration, attempts, tags.
 * Presentational: the page loads the rows (one request) and passes them in.
 *
 * @module
 */
import { Link } from "react-router";
import type { TaskRun } from "../../api/types.js";
import { StateBadge } from "../state-badge.js";
import { Duration, RelativeTime } from "../time.js";

/** Props of {@link TaskRunTable}. */
export interface TaskRunTableProps {
  readonly runs: readonly TaskRun[];
  /** Flow run names by id: shows the flow run column when given. */
  readonly flowRunNames?: ReadonlyMap<string, string> | undefined;
  /** What the table is, for screen readers. */
  readonly caption: string;
}

/** Task runs, one per row. */
export function TaskRunTable({ runs, flowRunNames, caption }: TaskRunTableProps) {
  return (
    <table className="table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">State</th>
          <th scope="col">Task run</th>
          <th scope="col">Task</th>
          {flowRunNames !== undefined && <th scope="col">Flow run</th>}
          <th scope="col">Start</th>
          <th scope="col">Duration</th>
          <th scope="col">Runs</th>
          <th scope="col">Tags</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>
              <StateBadge type={run.state.type} name={run.state.name} title={run.state.message} />
            </td>
            <td>
              <Link to={`/task-runs/${run.id}`}>{run.name}</Link>
            </td>
            <td className="mono">{run.taskKey}</td>
            {flowRunNames !== undefined && (
              <td>
                <Link to={`/runs/${run.flowRunId}`}>
                  {flowRunNames.get(run.flowRunId) ?? run.flowRunId.slice(0, 8)}
                </Link>
              </td>
            )}
            <td>
              <RelativeTime at={run.startTime} />
            </td>
            <td>
              <Duration start={run.startTime} end={run.endTime} live={run.state.type === "RUNNING"} />
            </td>
            <td>{run.runCount}</td>
            <td>
              {run.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
