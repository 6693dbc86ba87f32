/**
 * The artifacts list's key search: the API matches keys exactly, so it searches on
 * submit, not on each keystroke.
 *
 * @module
 */
import { useState, type FormEvent } from "react";
import { normaliseKeyInput } from "./artifact-filters.js";

/** Props of {@link KeySearch} (remount it with `key={current}` to follow the URL). */
export interface KeySearchProps {
  /** The key searched now ("" for none). */
  readonly current: string;
  readonly onSearch: (key: string) => void;
}

/** A search box for an exact artifact key, with Search and Clear. */
export function KeySearch({ current, onSearch }: KeySearchProps) {
  const [text, setText] = useState(current);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(normaliseKeyInput(text));
  };
  return (
    <form className="row" role="search" aria-label="Artifacts by key" onSubmit={submit}>
      <label htmlFor="artifact-key" className="inline-label">
        Key
      </label>
      <input
        id="artifact-key"
        type="search"
        className="mono"
        placeholder="exact key, e.g. daily-report"
        value={text}
        onChange={(event) => setText(event.target.value)}
        spellCheck={false}
        autoComplete="off"
      />
      <button type="submit">Search</button>
      {current !== "" && (
        <button type="button" onClick={() => onSearch("")}>
          Clear
        </button>
      )}
    </form>
  );
}
