/**
 * A text input whose value lives elsewhere (the URL): it shows what is typed at once and
 * commits it after a pause, and follows the outside value when that changes (back and
 * forward buttons).
 *
 * @module
 */
import { useEffect, useRef, useState, type InputHTMLAttributes } from "react";

/** Props of {@link DebouncedInput}. */
export interface DebouncedInputProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "value" | "defaultValue" | "onChange"
> {
  /** The committed value. */
  readonly value: string;
  /** Called with the typed text once typing pauses for `delayMs`. */
  readonly onCommit: (text: string) => void;
  readonly delayMs?: number;
}

/** A text input that commits after a pause in typing. */
export function DebouncedInput({ value, onCommit, delayMs = 350, ...attributes }: DebouncedInputProps) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // The outside value changed (navigation, a reset): show it.
    setSeen(value);
    setDraft(value);
  }
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => commit.current(draft), delayMs);
    return () => clearTimeout(timer);
  }, [draft, value, delayMs]);
  return (
    <input
      {...attributes}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === "Enter" && draft !== value) commit.current(draft);
        attributes.onKeyDown?.(e);
      }}
    />
  );
}
