/**
 * The events page's filter bar: event names and resource id, applied to the URL on
 * submit (so back/forward and shared links keep them).
 *
 * @module
 */
import { useState, type FormEvent } from "react";
import type { EventFilterState } from "./event-filter-url.js";

/** Props of {@link EventFilterBar}. */
export interface EventFilterBarProps {
  readonly value: EventFilterState;
  readonly onApply: (next: EventFilterState) => void;
}

/** Two text filters with Apply and Clear. Remount it (key) when the URL changes. */
export function EventFilterBar({ value, onApply }: EventFilterBarProps) {
  const [event, setEvent] = useState(value.event ?? "");
  const [resource, setResource] = useState(value.resource ?? "");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ event, resource });
  };
  const active = value.event !== undefined || value.resource !== undefined;
  return (
    <form className="event-filters row" role="search" aria-label="Filter events" onSubmit={submit}>
      <div className="field">
        <label htmlFor="event-names">Event</label>
        <input
          id="event-names"
          data-search
          value={event}
          placeholder="ordo.flow-run.*"
          aria-describedby="event-names-help"
          onChange={(e) => setEvent(e.target.value)}
        />
        <div id="event-names-help" className="field-help">
          Names, comma-separated; <code>*</code> at the end matches a prefix.
        </div>
      </div>
      <div className="field">
        <label htmlFor="event-resource">Resource id</label>
        <input
          id="event-resource"
          value={resource}
          placeholder="ordo.flow-run.<id>"
          aria-describedby="event-resource-help"
          onChange={(e) => setResource(e.target.value)}
        />
        <div id="event-resource-help" className="field-help">
          Exact, or a prefix ending in <code>*</code>.
        </div>
      </div>
      <div className="row actions">
        <button type="submit" className="primary">
          Apply
        </button>
        {active && (
          <button type="button" onClick={() => onApply({})}>
            Clear
          </button>
        )}
      </div>
    </form>
  );
}
