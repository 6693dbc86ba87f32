/**
 * The flow run's Timeline tab: a Gantt chart of its task runs (see `graph/run-timeline.tsx`).
 *
 * @module
 */
import { RunTimeline } from "../../graph/run-timeline.js";

/** The Gantt chart of `flowRunId`'s task runs. */
export function TimelineTab({ flowRunId }: { readonly flowRunId: string }) {
  return <RunTimeline flowRunId={flowRunId} />;
}
