/**
 * One labelled form field with its help or error text, wired for screen readers.
 *
 * @module
 */
import type { ReactElement } from "react";
import { cloneElement } from "react";

/** Props of {@link FieldRow}. */
export interface FieldRowProps {
  readonly id: string;
  readonly label: string;
  readonly help?: string | undefined;
  readonly error?: string | undefined;
  /** The input; it gets `id`, `aria-invalid` and `aria-describedby`. */
  readonly children: ReactElement<Record<string, unknown>>;
}

/** A `.field` with a label, the input and its help or error. */
export function FieldRow({ id, label, help, error, children }: FieldRowProps) {
  const describedBy = error !== undefined || help !== undefined ? `${id}-help` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, "aria-invalid": error !== undefined, "aria-describedby": describedBy })}
      {error !== undefined ? (
        <div className="field-error" id={describedBy} role="alert">
          {error}
        </div>
      ) : (
        help !== undefined && (
          <div className="field-help" id={describedBy}>
            {help}
          </div>
        )
      )}
    </div>
  );
}
