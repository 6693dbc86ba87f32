/**
 * Small pieces shared by the graph and the timeline: the hover tooltip of a node, the
 * state legend, and the list of nodes that screen readers (and keyboard users) read
 * instead of the canvas.
 *
 * @module
 */
import { Link } from "react-router";
import { StateBadge } from "../components/state-badge.js";
import { Duration } from "../components/time.js";
import { formatAbsolute } from "../format/time.js";
import type { GraphModel, GraphNode } from "./graph-model.js";
import { nodeHref, stateCounts } from "./state-counts.js";

/** Largest graph listed node by node under the canvas. */
export const MAX_LISTED_NODES = 300;

/** Name, kind, state, start and duration of a node. */
export function NodeTooltip({ node, live }: { readonly node: GraphNode; readonly live: boolean }) {
  return (
    <>
      <div className="stage-tooltip-title">{node.name}</div>
      <div className="muted">{node.kind === "flow" ? "Subflow run" : "Task run"}</div>
      <div>
        <StateBadge type={node.stateType} name={node.stateName} />
      </div>
      <div>
        {node.start === null ? (
          <span className="muted">Not started</span>
        ) : (
          <>
            <Duration start={node.start} end={node.end ?? undefined} live={live && node.end === null} />
            <span className="muted"> · started {formatAbsolute(node.start)}</span>
          </>
        )}
      </div>
    </>
  );
}

/** Counts per state, each with its colour and name. */
export function StateLegend({ model }: { readonly model: GraphModel }) {
  return (
    <ul className="stage-legend" aria-label="Task runs by state">
      {stateCounts(model).map((entry) => (
        <li key={entry.stateName}>
          <StateBadge type={entry.stateType} name={entry.stateName} /> {entry.count.toLocaleString("en-US")}
        </li>
      ))}
    </ul>
  );
}

/** The nodes as links, for screen readers and keyboards (small graphs only). */
export function NodeList({ model, order }: { readonly model: GraphModel; readonly order?: Int32Array }) {
  const count = model.nodes.length;
  if (count > MAX_LISTED_NODES) {
    return (
      <p className="stage-help muted">
        {count.toLocaleString("en-US")} runs are too many to list here: the Task runs tab lists them page by
        page.
      </p>
    );
  }
  const indices = order === undefined ? model.nodes.map((_, i) => i) : Array.from(order);
  return (
    <details className="stage-list">
      <summary>List of the {count.toLocaleString("en-US")} runs shown</summary>
      <ol>
        {indices.map((i) => {
          const node = model.nodes[i]!;
          return (
            <li key={node.id}>
              <Link to={nodeHref(node)}>{node.name}</Link>{" "}
              <StateBadge type={node.stateType} name={node.stateName} />{" "}
              {node.start !== null && (
                <span className="muted">
                  <Duration start={node.start} end={node.end ?? undefined} />
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
