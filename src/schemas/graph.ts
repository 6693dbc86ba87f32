/**
 * The run graph of a flow run: its task runs and subflow runs as nodes, data and waitFor
 * dependencies as edges, in one compact response paged by time.
 *
 * @module
 */
import { z } from "zod";

/** The columns of each node row, in order. */
export const GRAPH_NODE_COLUMNS = [
  "id",
  "kind",
  "name",
  "stateType",
  "stateName",
  "startTime",
  "endTime",
  "parentTaskRunId",
] as const;

/** A node: `[id, kind, name, stateType, stateName, startTime, endTime, parentTaskRunId]`. */
export const GraphNodeSchema = z.tuple([
  z.string(),
  z.enum(["task", "flow"]),
  z.string(),
  z.string(),
  z.string(),
  z.number().nullable(),
  z.number().nullable(),
  z.string().nullable(),
]);

/** An edge: `[from, to, kind]`; `data` (an argument), `wait` (waitFor) or `parent` (a nested run). */
export const GraphEdgeSchema = z.tuple([z.string(), z.string(), z.enum(["data", "wait", "parent"])]);

/** One page of a flow run's graph. */
export const FlowRunGraphSchema = z.object({
  flowRunId: z.string(),
  columns: z.array(z.string()),
  nodes: z.array(GraphNodeSchema),
  edges: z.array(GraphEdgeSchema),
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor: z.string().optional(),
});
/** One page of a flow run's graph. */
export type FlowRunGraph = z.infer<typeof FlowRunGraphSchema>;

/** The query of `GET /api/flow_runs/{id}/graph`. */
export const FlowRunGraphQuerySchema = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000),
});
