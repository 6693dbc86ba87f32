/**
 * Which field shows which problem: a problem goes to the field whose path is the problem's
 * path or its closest parent (`config.retries` → the `config.retries` input; `tags.3.x`
 * inside a JSON field `tags` → that field); the rest are shown above the form. Pure.
 *
 * @module
 */
import type { FieldIssue } from "../../api/api-error.js";
import type { Draft } from "./form-values.js";
import { itemField, type Field } from "./schema-fields.js";

/** Problems by field path, and those no field shows. */
export interface PlacedIssues {
  readonly byPath: ReadonlyMap<string, readonly string[]>;
  readonly unplaced: readonly FieldIssue[];
}

/** The paths of every field the form shows for `draft` (array items included), the root excepted. */
export function fieldPaths(field: Field, draft: Draft): string[] {
  const paths = field.path === "" ? [] : [field.path];
  if (field.kind === "object" && typeof draft === "object" && !Array.isArray(draft)) {
    const record = draft as { readonly [name: string]: Draft };
    for (const child of field.fields) {
      const name = child.path.slice(child.path.lastIndexOf(".") + 1);
      const childDraft = record[name];
      if (childDraft !== undefined) paths.push(...fieldPaths(child, childDraft));
      else paths.push(child.path);
    }
  }
  if (field.kind === "array" && Array.isArray(draft)) {
    (draft as readonly Draft[]).forEach((item, index) =>
      paths.push(...fieldPaths(itemField(field, index), item)),
    );
  }
  return paths;
}

/** Places each problem on the closest field among `paths`; problems of no field stay unplaced. */
export function placeIssues(issues: readonly FieldIssue[], paths: readonly string[]): PlacedIssues {
  const known = new Set(paths);
  const byPath = new Map<string, string[]>();
  const unplaced: FieldIssue[] = [];
  for (const issue of issues) {
    const segments = issue.path === "" ? [] : issue.path.split(".");
    let target: string | undefined;
    for (let size = segments.length; size > 0 && target === undefined; size--) {
      const candidate = segments.slice(0, size).join(".");
      if (known.has(candidate)) target = candidate;
    }
    if (target === undefined) {
      unplaced.push(issue);
      continue;
    }
    const rest = issue.path.slice(target.length + 1);
    const message = rest === "" ? issue.message : `${rest}: ${issue.message}`;
    const list = byPath.get(target) ?? [];
    if (!list.includes(message)) list.push(message);
    byPath.set(target, list);
  }
  return { byPath, unplaced };
}

/** "config.retries: must be ≤ 10" (just the message for the root). */
export function issueText(issue: FieldIssue): string {
  return issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`;
}

/**
 * Problems whose paths start with `prefix` (a request field holding the form's value,
 * e.g. `input`), made relative to it: `input.by` → `by`, `input` → `""` (the whole form).
 * Other problems keep their path (no field has it, so they show above the form).
 */
export function relativeIssues(issues: readonly FieldIssue[], prefix: string): FieldIssue[] {
  return issues.map((issue) => ({
    path:
      issue.path === prefix
        ? ""
        : issue.path.startsWith(`${prefix}.`)
          ? issue.path.slice(prefix.length + 1)
          : issue.path,
    message: issue.message,
  }));
}
