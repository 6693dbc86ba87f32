/**
 * Resuming a paused run with input (placeholder while the schema form is built).
 *
 * @module
 */
import type { FlowRun } from "../../api/types.js";

/** The form that resumes `run`, with input when its pause asks for some. */
export function ResumeRunForm({ run, onDone }: { readonly run: FlowRun; readonly onDone: () => void }) {
  return (
    <button type="button" onClick={onDone}>
      Resume {run.name}
    </button>
  );
}
