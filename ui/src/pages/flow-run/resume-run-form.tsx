/**
 * Resuming a paused (or suspended) run: when its pause asks for input, a form generated
 * from the input's JSON Schema; otherwise just a Resume button. The server's 422 problems
 * (`input.<path>`) show on their fields; `onDone` is called once the run is resumed.
 *
 * @module
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, fieldIssues, type FieldIssue } from "../../api/api-error.js";
import { post } from "../../api/client.js";
import type { FlowRun } from "../../api/types.js";
import { relativeIssues } from "../../components/schema-form/issue-placement.js";
import { SchemaForm } from "../../components/schema-form/schema-form.js";
import { useSchemaForm } from "../../components/schema-form/use-schema-form.js";
import { RelativeTime } from "../../components/time.js";
import { useToaster } from "../../components/toasts.js";

/** Props of {@link ResumeRunForm}. */
export interface ResumeRunFormProps {
  readonly run: FlowRun;
  readonly onDone: () => void;
}

/** The form that resumes `run`, with input when its pause asks for some. */
export function ResumeRunForm({ run, onDone }: ResumeRunFormProps) {
  const schema = run.pause?.inputSchema;
  const form = useSchemaForm(schema, undefined, `resume-${run.id}`);
  const [serverIssues, setServerIssues] = useState<readonly FieldIssue[]>([]);
  const queryClient = useQueryClient();
  const toaster = useToaster();

  const resume = useMutation({
    mutationFn: (body: { input?: unknown }) =>
      post<FlowRun>(`/flow_runs/${encodeURIComponent(run.id)}/resume`, body),
    onSuccess: async () => {
      toaster.info(`${run.name} resumed.`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["flow-run"] }),
        queryClient.invalidateQueries({ queryKey: ["flow-runs"] }),
      ]);
      onDone();
    },
    onError: (error) => {
      toaster.error(error, "Resume");
      if (error instanceof ApiError && error.status === 422)
        setServerIssues(relativeIssues(fieldIssues(error), "input"));
    },
  });

  const deadline =
    run.pause === undefined ? null : (
      <p className="muted">
        {run.state.name === "Suspended" ? "Suspended" : "Paused"} at <code>{run.pause.key}</code>; fails{" "}
        <RelativeTime at={run.pause.timeoutAt} /> unless resumed.
      </p>
    );

  if (schema === undefined) {
    return (
      <div className="resume-run">
        {deadline}
        <button
          type="button"
          className="primary"
          disabled={resume.isPending}
          onClick={() => resume.mutate({})}
        >
          Resume
        </button>
      </div>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setServerIssues([]);
    const input = form.submit();
    if (input.ok) resume.mutate({ input: input.value });
  };

  return (
    <form className="resume-run" aria-label="Resume run" noValidate onSubmit={onSubmit}>
      {deadline}
      <p>The run waits for this input:</p>
      <SchemaForm
        form={form}
        serverIssues={serverIssues}
        jsonLabel="Input (JSON)"
        disabled={resume.isPending}
      />
      <button type="submit" className="primary" disabled={resume.isPending} aria-busy={resume.isPending}>
        Resume
      </button>
    </form>
  );
}
