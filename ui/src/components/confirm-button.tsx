/**
 * A destructive action that asks first: the button turns into "Delete X? Delete · Cancel".
 *
 * @module
 */
import { useState } from "react";

/** Props of {@link ConfirmButton}. */
export interface ConfirmButtonProps {
  /** The button's text ("Delete"). */
  readonly label: string;
  /** The question asked ("Delete variable db_url?"). */
  readonly question: string;
  readonly onConfirm: () => void;
  readonly busy?: boolean;
  /** The button's accessible name, when `label` alone is ambiguous in a list. */
  readonly ariaLabel?: string;
}

/** Runs `onConfirm` only after a second, explicit click. */
export function ConfirmButton({ label, question, onConfirm, busy = false, ariaLabel }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className="icon danger"
        aria-label={ariaLabel}
        disabled={busy}
        onClick={() => setAsking(true)}
      >
        {busy ? `${label}…` : label}
      </button>
    );
  }
  return (
    <span className="row confirm" role="group" aria-label={question} style={{ display: "inline-flex" }}>
      <span>{question}</span>
      <button
        type="button"
        className="icon danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {label}
      </button>
      <button type="button" className="icon" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
