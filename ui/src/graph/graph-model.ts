/**
 * The run graph in memory: the pages of `GET /api/flow_runs/{id}/graph` merged into one
 * indexed model — nodes in creation order (task-run ids are UUIDv7, so this is time
 * order), edges as index pairs in typed arrays so the layout worker and the renderers
 * walk them without lookups. Pure, O(nodes + edges).
 *
 * @module
 */
import type { FlowRunGraph, StateType } from "../api/types.js";

/** What a node stands for: a task run, or a subflow run (opened at `/runs/:id`). */
export type GraphNodeKind = "task" | "flow";

/** One task run or subflow run of the graph. Times are ms since the epoch. */
export interface GraphNode {
  readonly id: string;
  readonly kind: GraphNodeKind;
  readonly name: string;
  readonly stateType: StateType;
  readonly stateName: string;
  readonly start: number | null;
  readonly end: number | null;
  readonly parentTaskRunId: string | null;
}

/** Edge kinds as stored in {@link GraphModel.edgeKind}. */
export const EDGE_DATA = 0;
/** A `waitFor` dependency: ordering only, no value passed. */
export const EDGE_WAIT = 1;
/** Nesting: a task run or subflow started inside a task run. */
export const EDGE_PARENT = 2;

const EDGE_CODES = { data: EDGE_DATA, wait: EDGE_WAIT, parent: EDGE_PARENT } as const;

/** The merged graph. */
export interface GraphModel {
  readonly nodes: readonly GraphNode[];
  /** Node id → index in {@link nodes}. */
  readonly index: ReadonlyMap<string, number>;
  /** Upstream node index of each edge. */
  readonly edgeFrom: Int32Array;
  /** Downstream node index of each edge. */
  readonly edgeTo: Int32Array;
  /** {@link EDGE_DATA}, {@link EDGE_WAIT} or {@link EDGE_PARENT}. */
  readonly edgeKind: Uint8Array;
  /** Number of task-run nodes (subflow runs excluded). */
  readonly taskCount: number;
}

/**
 * Merges graph pages (first to last) into one model. A node seen twice keeps its last
 * row; an edge whose end is not in the graph (a run of another flow run) is dropped; one
 * edge is kept per pair of nodes, preferring data over waitFor over nesting.
 */
export function buildGraphModel(pages: readonly FlowRunGraph[]): GraphModel {
  const nodes: GraphNode[] = [];
  const index = new Map<string, number>();
  for (const page of pages) {
    for (const [id, kind, name, stateType, stateName, start, end, parentTaskRunId] of page.nodes) {
      const node: GraphNode = {
        id,
        kind,
        name,
        stateType: stateType as StateType,
        stateName,
        start,
        end,
        parentTaskRunId,
      };
      const at = index.get(id);
      if (at === undefined) {
        index.set(id, nodes.length);
        nodes.push(node);
      } else nodes[at] = node;
    }
  }
  let total = 0;
  for (const page of pages) total += page.edges.length;
  const from = new Int32Array(total);
  const to = new Int32Array(total);
  const kinds = new Uint8Array(total);
  const seen = new Map<string, number>();
  let count = 0;
  for (const page of pages) {
    for (const [source, target, kind] of page.edges) {
      const a = index.get(source);
      const b = index.get(target);
      if (a === undefined || b === undefined || a === b) continue;
      const code = EDGE_CODES[kind];
      const key = `${a}>${b}`;
      const prior = seen.get(key);
      if (prior !== undefined) {
        if (code < (kinds[prior] ?? 0)) kinds[prior] = code;
        continue;
      }
      seen.set(key, count);
      from[count] = a;
      to[count] = b;
      kinds[count] = code;
      count++;
    }
  }
  let taskCount = 0;
  for (const node of nodes) if (node.kind === "task") taskCount++;
  return {
    nodes,
    index,
    edgeFrom: from.slice(0, count),
    edgeTo: to.slice(0, count),
    edgeKind: kinds.slice(0, count),
    taskCount,
  };
}

const TERMINAL_TYPES: ReadonlySet<string> = new Set(["COMPLETED", "FAILED", "CRASHED", "CANCELLED"]);

/** True for a state type a run never leaves on its own (the UI cannot import the server's). */
export function isTerminalStateType(type: string): boolean {
  return TERMINAL_TYPES.has(type);
}

/**
 * The time open-ended things are drawn to: `now` while the run is live, otherwise the
 * latest time the graph knows (so a finished run does not stretch to the present).
 */
export function liveEdge(model: GraphModel, live: boolean, now: number, runEnd?: number): number {
  if (live) return now;
  let latest = runEnd ?? Number.NEGATIVE_INFINITY;
  for (const node of model.nodes) {
    if (node.end !== null && node.end > latest) latest = node.end;
    if (node.start !== null && node.start > latest) latest = node.start;
  }
  return Number.isFinite(latest) ? latest : now;
}
