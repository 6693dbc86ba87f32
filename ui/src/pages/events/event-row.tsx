/**
 * One event in the feed: when, what, to which resource (linked when it has a page);
 * expands to its resource labels, related resources and payload.
 *
 * @module
 */
import { useState } from "react";
import { Link } from "react-router";
import type { OrdoEvent, StateType } from "../../api/types.js";
import { StateBadge } from "../../components/state-badge.js";
import { RelativeTime } from "../../components/time.js";
import { resourceLink } from "./resource-links.js";

function Labels({ labels }: { readonly labels: Readonly<Record<string, string>> }) {
  return (
    <dl className="props">
      {Object.entries(labels).map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="mono">{key}</dt>
          <dd className="mono">{key === "ordo.resource.id" ? <ResourceId id={value} /> : value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ResourceId({ id }: { readonly id: string }) {
  const to = resourceLink(id);
  return to === undefined ? <>{id}</> : <Link to={to}>{id}</Link>;
}

/** The event's table rows: the summary and, when open, its details. */
export function EventRow({ event }: { readonly event: OrdoEvent }) {
  const [open, setOpen] = useState(false);
  const resourceId = event.resource["ordo.resource.id"] ?? "";
  const name = event.resource["ordo.resource.name"];
  const stateType = event.resource["ordo.state-type"] as StateType | undefined;
  const stateName = event.resource["ordo.state-name"];
  const detailsId = `event-${event.id}`;
  return (
    <>
      <tr className={open ? "event open" : "event"}>
        <td>
          <RelativeTime at={event.occurred} />
        </td>
        <td className="mono">{event.event}</td>
        <td>
          {stateType !== undefined && stateName !== undefined && (
            <StateBadge type={stateType} name={stateName} />
          )}{" "}
          {name !== undefined && resourceLink(resourceId) !== undefined ? (
            <Link to={resourceLink(resourceId) ?? ""} title={resourceId}>
              {name}
            </Link>
          ) : (
            <span className="mono">
              <ResourceId id={resourceId} />
            </span>
          )}
        </td>
        <td>
          <button
            type="button"
            className="icon"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={`${open ? "Hide" : "Show"} details of ${event.event}`}
            onClick={() => setOpen(!open)}
          >
            {open ? "Hide" : "Details"}
          </button>
        </td>
      </tr>
      {open && (
        <tr id={detailsId} className="event-details">
          <td colSpan={4}>
            <div className="grid cols-2">
              <section>
                <h3>Resource</h3>
                <Labels labels={event.resource} />
                {event.related.length > 0 && (
                  <>
                    <h3 className="related">Related</h3>
                    {event.related.map((labels, i) => (
                      <div key={i} className="related-item">
                        <Labels labels={labels} />
                      </div>
                    ))}
                  </>
                )}
              </section>
              <section>
                <h3>Payload</h3>
                <pre className="block">{JSON.stringify(event.payload, null, 2)}</pre>
                <p className="muted small">
                  Id <span className="mono">{event.id}</span> · received <RelativeTime at={event.received} />
                </p>
              </section>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
