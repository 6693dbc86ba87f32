/**
 * The flow run's Parameters & result tab: the parameters it ran with, its job variables
 * and resume inputs when it has any, and its result.
 *
 * @module
 */
import type { FlowRun } from "../../api/types.js";
import { CopyButton } from "../../components/copy-button.js";
import { ResultView } from "../../components/runs/result-view.js";

function JsonBlock({ label, value }: { readonly label: string; readonly value: unknown }) {
  const text = JSON.stringify(value, null, 2) ?? "undefined";
  return (
    <section className="card" aria-label={label}>
      <div className="row">
        <h2>{label}</h2>
        <span className="spacer" />
        <CopyButton value={text} label="Copy JSON" />
      </div>
      <pre className="block">{text}</pre>
    </section>
  );
}

/** The parameters and result of `run`. */
export function ParametersTab({ run }: { readonly run: FlowRun }) {
  return (
    <div className="grid">
      <JsonBlock label="Parameters" value={run.parameters} />
      {run.jobVariables !== undefined && Object.keys(run.jobVariables).length > 0 && (
        <JsonBlock label="Job variables" value={run.jobVariables} />
      )}
      {run.resumeInputs !== undefined && Object.keys(run.resumeInputs).length > 0 && (
        <JsonBlock label="Resume inputs" value={run.resumeInputs} />
      )}
      <section className="card" aria-label="Result">
        <h2>Result</h2>
        <ResultView result={run.result} />
      </section>
    </div>
  );
}
