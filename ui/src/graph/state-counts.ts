/**
 * How many nodes are in each state, for the legend under the graph and timeline (colour is
 * never the only signal: the legend names each colour). Pure.
 *
 * @module
 */
import type { StateType } from "../api/types.js";
import type { GraphModel } from "./graph-model.js";

/** One legend entry. */
export interface StateCount {
  readonly stateType: StateType;
  readonly stateName: string;
  readonly count: number;
}

const TYPE_ORDER: readonly string[] = [
  "RUNNING",
  "PENDING",
  "SCHEDULED",
  "PAUSED",
  "CANCELLING",
  "COMPLETED",
  "FAILED",
  "CRASHED",
  "CANCELLED",
];

/** Counts by state name, in lifecycle order (running first), then by name. */
export function stateCounts(model: GraphModel): StateCount[] {
  const counts = new Map<string, { stateType: StateType; stateName: string; count: number }>();
  for (const node of model.nodes) {
    const entry = counts.get(node.stateName);
    if (entry === undefined)
      counts.set(node.stateName, { stateType: node.stateType, stateName: node.stateName, count: 1 });
    else entry.count++;
  }
  return [...counts.values()].sort(
    (a, b) =>
      TYPE_ORDER.indexOf(a.stateType) - TYPE_ORDER.indexOf(b.stateType) ||
      a.stateName.localeCompare(b.stateName),
  );
}

/** The canvas's accessible name: "Run graph: 1,234 task runs, 2 subflow runs". */
export function graphLabel(prefix: string, model: GraphModel | undefined): string {
  if (model === undefined) return `${prefix}: loading`;
  const subflows = model.nodes.length - model.taskCount;
  const tasks = `${model.taskCount.toLocaleString("en-US")} task run${model.taskCount === 1 ? "" : "s"}`;
  return subflows === 0
    ? `${prefix}: ${tasks}`
    : `${prefix}: ${tasks}, ${subflows.toLocaleString("en-US")} subflow run${subflows === 1 ? "" : "s"}`;
}

/** Where a node opens: a task run's page, or a subflow run's page. */
export function nodeHref(node: { readonly kind: "task" | "flow"; readonly id: string }): string {
  return node.kind === "flow"
    ? `/runs/${encodeURIComponent(node.id)}`
    : `/task-runs/${encodeURIComponent(node.id)}`;
}
