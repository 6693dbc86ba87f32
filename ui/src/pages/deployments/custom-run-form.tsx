/**
 * Custom run: the deployment's parameters as a form generated from its parameter schema
 * (pre-filled with its defaults), plus an optional run name, tags and start time. Bad
 * input is stopped on the client with a message on the field; a 422 is shown on its
 * field; nothing is created on error. On success, the new run's page opens.
 *
 * @module
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { ApiError, fieldIssues, type FieldIssue } from "../../api/api-error.js";
import { post } from "../../api/client.js";
import type { Deployment, DeploymentRunCreate, FlowRun } from "../../api/types.js";
import { SchemaForm } from "../../components/schema-form/schema-form.js";
import { useSchemaForm } from "../../components/schema-form/use-schema-form.js";
import { useToaster } from "../../components/toasts.js";
import {
  readRunOptions,
  runOptionsDraft,
  splitRunIssues,
  type RunOptionField,
  type RunOptionsDraft,
} from "./custom-run-values.js";

/** Ids of the run's own inputs; the parameters' ids have their own prefix, so a parameter called "name" is no clash. */
const ID_PREFIX = "custom-run";
const PARAMETERS_ID_PREFIX = "custom-run-parameter";

/** Props of {@link CustomRunForm}. */
export interface CustomRunFormProps {
  readonly deployment: Deployment;
  readonly onCancel: () => void;
}

/** The Custom run form of a deployment. */
export function CustomRunForm({ deployment, onCancel }: CustomRunFormProps) {
  const form = useSchemaForm(deployment.parameterSchema, deployment.parameters, PARAMETERS_ID_PREFIX);
  const [options, setOptions] = useState<RunOptionsDraft>(() => runOptionsDraft(deployment));
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<ReturnType<typeof splitRunIssues>>({
    parameters: [],
    options: [],
  });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toaster = useToaster();

  const create = useMutation({
    mutationFn: (body: DeploymentRunCreate) =>
      post<FlowRun>(`/deployments/${encodeURIComponent(deployment.id)}/create_flow_run`, body),
    onSuccess: async (run) => {
      await queryClient.invalidateQueries({ queryKey: ["flow-runs"] });
      await navigate(`/runs/${encodeURIComponent(run.id)}`);
    },
    onError: (error) => {
      toaster.error(error, "Custom run");
      if (error instanceof ApiError && error.status === 422)
        setServerIssues(splitRunIssues(error.code, fieldIssues(error)));
    },
  });

  const reading = readRunOptions(options);
  const optionIssues: readonly FieldIssue[] = [...(submitted ? reading.issues : []), ...serverIssues.options];

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setServerIssues({ parameters: [], options: [] });
    const parameters = form.submit();
    if (!parameters.ok) return;
    const first = reading.issues[0];
    if (first !== undefined) {
      document.getElementById(`${ID_PREFIX}-${first.path}`)?.focus();
      return;
    }
    create.mutate({ parameters: parameters.value as Record<string, unknown>, ...reading.value });
  };

  const input = (field: RunOptionField, label: string, help: string, type: "text" | "datetime-local") => {
    const id = `${ID_PREFIX}-${field}`;
    const errors = optionIssues.filter((issue) => issue.path === field).map((issue) => issue.message);
    const errorId = errors.length > 0 ? `${id}-error` : undefined;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type={type}
          step={type === "datetime-local" ? 1 : undefined}
          value={options[field]}
          disabled={create.isPending}
          aria-invalid={errors.length > 0 ? true : undefined}
          aria-describedby={[errorId, `${id}-help`].filter((t) => t !== undefined).join(" ")}
          onChange={(e) => setOptions({ ...options, [field]: e.target.value })}
        />
        {errorId !== undefined && (
          <div className="field-error" id={errorId}>
            {errors.join("; ")}
          </div>
        )}
        <div className="field-help" id={`${id}-help`}>
          {help}
        </div>
      </div>
    );
  };

  return (
    <form className="card custom-run" aria-label="Custom run" noValidate onSubmit={onSubmit}>
      <h2>Custom run</h2>
      <fieldset className="schema-fieldset">
        <legend>Parameters</legend>
        <SchemaForm form={form} serverIssues={serverIssues.parameters} disabled={create.isPending} />
      </fieldset>
      <div className="run-options">
        {input("name", "Run name", "optional: a name is picked when empty", "text")}
        {input("tags", "Tags", "comma-separated", "text")}
        {input("startAt", "Start at", "optional, your time zone: empty starts it now", "datetime-local")}
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={create.isPending} aria-busy={create.isPending}>
          Run
        </button>
        <button type="button" onClick={onCancel} disabled={create.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
