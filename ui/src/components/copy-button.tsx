/**
 * A small button that copies a value (an id) to the clipboard.
 *
 * @module
 */
import { useState } from "react";

/** Copies `value`; says "Copied" for a moment. */
export function CopyButton({ value, label = "Copy" }: { readonly value: string; readonly label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="icon"
      aria-label={`${label}: ${value}`}
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1200);
        });
      }}
    >
      {copied ? "Copied" : label}
    </button>
  );
}
