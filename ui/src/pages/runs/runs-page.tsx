/**
 * The Runs page (`/runs`): flow runs with filters, state counts, bulk actions and a
 * virtualised table; `?view=task-runs` lists task runs instead.
 *
 * @module
 */
import { Link, useSearchParams } from "react-router";
import { PageHeader } from "../../components/page-header.js";
import "../../components/runs/runs.css";
import { FlowRunsView } from "./flow-runs-view.js";
import "./runs-page.css";
import { TaskRunsView } from "./task-runs-view.js";
import { parseRunsView } from "./task-runs-url.js";

/** The Runs page. */
export function RunsPage() {
  const [params] = useSearchParams();
  const view = parseRunsView(params);
  return (
    <>
      <PageHeader title={view === "task-runs" ? "Task runs" : "Runs"} />
      <nav className="tabs" aria-label="Runs views">
        <Link
          to="/runs"
          className={view === "flow-runs" ? "active" : undefined}
          aria-current={view === "flow-runs" ? "page" : undefined}
        >
          Flow runs
        </Link>
        <Link
          to="/runs?view=task-runs"
          className={view === "task-runs" ? "active" : undefined}
          aria-current={view === "task-runs" ? "page" : undefined}
        >
          Task runs
        </Link>
      </nav>
      {view === "task-runs" ? <TaskRunsView /> : <FlowRunsView />}
    </>
  );
}
