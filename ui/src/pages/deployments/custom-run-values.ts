/**
 * The Custom run form's own inputs (run name, tags, start time), the body of
 * `POST /api/deployments/{id}/create_flow_run`, and which input shows which problem of a
 * 422. Pure.
 *
 * @module
 */
import type { FieldIssue } from "../../api/api-error.js";
import type { Deployment, DeploymentRunCreate } from "../../api/types.js";
import { relativeIssues } from "../../components/schema-form/issue-placement.js";
import { localInputToMillis } from "../../components/schema-form/local-date-time.js";

/** What the run's inputs hold. */
export interface RunOptionsDraft {
  readonly name: string;
  /** Comma-separated tags. */
  readonly tags: string;
  /** A datetime-local text; empty: now. */
  readonly startAt: string;
}

/** The run options' input names, which are also the paths of their problems. */
export type RunOptionField = "name" | "tags" | "startAt";

const MAX_NAME = 200;
const MAX_TAG = 200;
const MAX_TAGS = 100;

/** The inputs at first: no name (the server picks one), the deployment's tags, start now. */
export function runOptionsDraft(deployment: Pick<Deployment, "tags">): RunOptionsDraft {
  return { name: "", tags: deployment.tags.join(", "), startAt: "" };
}

/** The tags of a comma-separated text: trimmed, without empty ones or repeats. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(",").map((tag) => tag.trim()))].filter((tag) => tag !== "");
}

/** The run options as API fields, with a problem per invalid input (paths: {@link RunOptionField}). */
export function readRunOptions(draft: RunOptionsDraft): {
  readonly value: Pick<DeploymentRunCreate, "name" | "tags" | "scheduledTime">;
  readonly issues: readonly FieldIssue[];
} {
  const issues: FieldIssue[] = [];
  const name = draft.name.trim();
  if ([...name].length > MAX_NAME)
    issues.push({ path: "name", message: `must be at most ${MAX_NAME} characters` });
  const tags = parseTags(draft.tags);
  if (tags.length > MAX_TAGS) issues.push({ path: "tags", message: `at most ${MAX_TAGS} tags` });
  const long = tags.find((tag) => [...tag].length > MAX_TAG);
  if (long !== undefined)
    issues.push({ path: "tags", message: `"${long.slice(0, 20)}…" is longer than ${MAX_TAG} characters` });
  let scheduledTime: number | undefined;
  if (draft.startAt.trim() !== "") {
    scheduledTime = localInputToMillis(draft.startAt);
    if (scheduledTime === undefined) issues.push({ path: "startAt", message: "must be a date and time" });
    else if (scheduledTime < 0) issues.push({ path: "startAt", message: "must be after 1970" });
  }
  return {
    value: {
      ...(name === "" ? {} : { name }),
      tags,
      ...(scheduledTime === undefined ? {} : { scheduledTime }),
    },
    issues,
  };
}

/** A 422's problems split between the parameters (paths relative to them) and the run's own inputs. */
export function splitRunIssues(
  code: string,
  issues: readonly FieldIssue[],
): { readonly parameters: readonly FieldIssue[]; readonly options: readonly FieldIssue[] } {
  // ORDO_INVALID_PARAMETERS names paths inside the parameters.
  if (code === "ORDO_INVALID_PARAMETERS") return { parameters: issues, options: [] };
  const parameters: FieldIssue[] = [];
  const options: FieldIssue[] = [];
  for (const issue of issues) {
    const [head] = issue.path.split(".");
    if (head === "name" || head === "tags") options.push({ path: head, message: issue.message });
    else if (head === "scheduledTime") options.push({ path: "startAt", message: issue.message });
    else if (head === "parameters") parameters.push(...relativeIssues([issue], "parameters"));
    else
      parameters.push({
        path: "",
        message: issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`,
      });
  }
  return { parameters, options };
}
