/**
 * One field of the schema form, by kind: input, checkbox, select, date, list of items,
 * fieldset of fields, or JSON textarea. Each input has a `<label>` with the parameter's
 * name (or title), its help and its error linked by `aria-describedby`.
 *
 * @module
 */
import type { ReactNode } from "react";
import { draftOf, type Draft } from "./form-values.js";
import { constraintText, itemField, type ArrayField, type Field, type ObjectField } from "./schema-fields.js";
import { fieldId } from "./use-schema-form.js";

/** What every field of one form shares. */
export interface FieldContext {
  readonly idPrefix: string;
  /** The problems to show, by field path. */
  readonly issues: ReadonlyMap<string, readonly string[]>;
  readonly disabled: boolean;
}

/** Props of {@link FieldInput}. */
export interface FieldInputProps {
  readonly field: Field;
  readonly draft: Draft;
  readonly onChange: (draft: Draft) => void;
  readonly context: FieldContext;
}

function propertyName(field: Field): string {
  return field.path.slice(field.path.lastIndexOf(".") + 1);
}

/** The ids and texts of a field's help and error. */
function describe(field: Field, context: FieldContext) {
  const id = fieldId(context.idPrefix, field.path);
  const help = [field.description, constraintText(field)]
    .filter((t) => t !== undefined && t !== "")
    .join(" · ");
  const errors = context.issues.get(field.path);
  const helpId = help === "" ? undefined : `${id}-help`;
  const errorId = errors === undefined ? undefined : `${id}-error`;
  const describedBy = [errorId, helpId].filter((t) => t !== undefined).join(" ") || undefined;
  return {
    id,
    help,
    helpId,
    errors,
    errorId,
    describedBy,
    invalid: errors === undefined ? undefined : (true as const),
  };
}

function HelpAndError({ d }: { readonly d: ReturnType<typeof describe> }) {
  return (
    <>
      {d.errors !== undefined && (
        <div className="field-error" id={d.errorId}>
          {d.errors.join("; ")}
        </div>
      )}
      {d.helpId !== undefined && (
        <div className="field-help" id={d.helpId}>
          {d.help}
        </div>
      )}
    </>
  );
}

function text(draft: Draft): string {
  return typeof draft === "string" ? draft : "";
}

/** One field, recursively for lists and nested objects. */
export function FieldInput({ field, draft, onChange, context }: FieldInputProps): ReactNode {
  const d = describe(field, context);
  const common = {
    id: d.id,
    name: field.path,
    disabled: context.disabled,
    "aria-invalid": d.invalid,
    "aria-describedby": d.describedBy,
    "aria-required": field.required && !field.nullable ? true : undefined,
  } as const;
  switch (field.kind) {
    case "object":
      return <ObjectFieldset field={field} draft={draft} onChange={onChange} context={context} />;
    case "array":
      return <ArrayFieldset field={field} draft={draft} onChange={onChange} context={context} />;
    case "boolean":
      return (
        <div className="field schema-checkbox">
          <input
            type="checkbox"
            {...common}
            checked={draft === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          <label htmlFor={d.id}>{field.label}</label>
          <HelpAndError d={d} />
        </div>
      );
    case "enum":
      return (
        <div className="field">
          <label htmlFor={d.id}>{field.label}</label>
          <select {...common} value={text(draft)} onChange={(e) => onChange(e.target.value)}>
            <option value="">{field.required && !field.nullable ? "— choose —" : "— none —"}</option>
            {field.options.map((option, index) => (
              <option key={option.label} value={String(index)}>
                {option.label}
              </option>
            ))}
          </select>
          <HelpAndError d={d} />
        </div>
      );
    case "json":
      return (
        <div className="field">
          <label htmlFor={d.id}>{field.label === "" ? "JSON" : field.label}</label>
          <textarea
            {...common}
            className="mono schema-json"
            rows={Math.min(12, Math.max(3, text(draft).split("\n").length + 1))}
            spellCheck={false}
            value={text(draft)}
            onChange={(e) => onChange(e.target.value)}
          />
          <HelpAndError d={d} />
        </div>
      );
    case "text":
    case "number":
    case "integer":
    case "date":
    case "date-time": {
      const type = field.kind === "date" ? "date" : field.kind === "date-time" ? "datetime-local" : "text";
      const inputMode =
        field.kind === "integer" ? "numeric" : field.kind === "number" ? "decimal" : undefined;
      return (
        <div className="field">
          <label htmlFor={d.id}>{field.label}</label>
          <input
            {...common}
            type={type}
            inputMode={inputMode}
            step={field.kind === "date-time" ? 1 : undefined}
            className={field.kind === "number" || field.kind === "integer" ? "schema-number" : undefined}
            value={text(draft)}
            onChange={(e) => onChange(e.target.value)}
          />
          <HelpAndError d={d} />
        </div>
      );
    }
  }
}

function ObjectFieldset({
  field,
  draft,
  onChange,
  context,
}: FieldInputProps & { readonly field: ObjectField }): ReactNode {
  const record =
    typeof draft === "object" && !Array.isArray(draft) ? (draft as { readonly [name: string]: Draft }) : {};
  const children = field.fields.map((child) => {
    const name = propertyName(child);
    return (
      <FieldInput
        key={name}
        field={child}
        draft={record[name] ?? draftOf(child, undefined)}
        onChange={(next) => onChange({ ...record, [name]: next })}
        context={context}
      />
    );
  });
  if (field.path === "") return <>{children}</>;
  const d = describe(field, context);
  return (
    <fieldset className="schema-fieldset" aria-describedby={d.describedBy}>
      <legend>{field.label}</legend>
      <HelpAndError d={d} />
      {children}
    </fieldset>
  );
}

function ArrayFieldset({
  field,
  draft,
  onChange,
  context,
}: FieldInputProps & { readonly field: ArrayField }): ReactNode {
  const items = Array.isArray(draft) ? (draft as readonly Draft[]) : [];
  const d = describe(field, context);
  const full = field.maxItems !== undefined && items.length >= field.maxItems;
  return (
    <fieldset className="schema-fieldset" aria-describedby={d.describedBy}>
      <legend>{field.label}</legend>
      <HelpAndError d={d} />
      {items.length === 0 && <p className="muted schema-no-items">No items.</p>}
      {items.map((item, index) => {
        const child = itemField(field, index);
        return (
          // Items have no identity but their place; a removed item shifts the rest.
          <div className="schema-item" key={index}>
            <div className="schema-item-body">
              <FieldInput
                field={child}
                draft={item}
                onChange={(next) => onChange(items.map((old, i) => (i === index ? next : old)))}
                context={context}
              />
            </div>
            <button
              type="button"
              className="icon"
              disabled={context.disabled}
              aria-label={`Remove ${child.label}`}
              onClick={() => onChange(items.filter((_, i) => i !== index))}
            >
              Remove
            </button>
          </div>
        );
      })}
      <button
        type="button"
        disabled={context.disabled || full}
        aria-label={`Add an item to ${field.label}`}
        onClick={() => onChange([...items, draftOf(itemField(field, items.length), undefined)])}
      >
        Add item
      </button>
    </fieldset>
  );
}
