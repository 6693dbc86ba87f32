/**
 * A flow run's graph read page by page, in creation order (task-run ids are UUIDv7, so
 * id order is time order), the same on both databases.
 *
 * @module
 */
import type { FlowRunGraph } from "../../schemas/index.js";
import { GRAPH_NODE_COLUMNS } from "../../schemas/index.js";
import { readJson, type SqlExecutor } from "../sql-executor.js";

type Node = FlowRunGraph["nodes"][number];
type Edge = FlowRunGraph["edges"][number];

/** Reads run graphs. */
export class FlowRunGraphs {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /**
   * Up to `limit` task runs of the flow run after `cursor` (a task-run id), with their
   * incoming edges; the first page also holds the subflow runs.
   */
  async page(flowRunId: string, cursor: string | undefined, limit: number): Promise<FlowRunGraph> {
    const { qb, dialect } = this.#sql;
    let select = qb
      .selectFrom("task_runs")
      .select([
        "id",
        "name",
        "state_type",
        "state_name",
        "start_time",
        "end_time",
        "parent_task_run_id",
        "inputs",
        "wait_for",
      ])
      .where("flow_run_id", "=", flowRunId);
    if (cursor !== undefined) select = select.where("id", ">", cursor);
    const rows = await this.#sql.all(select.orderBy("id").limit(limit + 1));
    const page = rows.slice(0, limit);
    const nodes: Node[] = [];
    const edges: Edge[] = [];
    for (const row of page) {
      nodes.push([
        row.id,
        "task",
        row.name,
        row.state_type,
        row.state_name,
        num(row.start_time),
        num(row.end_time),
        row.parent_task_run_id,
      ]);
      const inputs = readJson<Record<string, string[]>>(dialect, row.inputs);
      const seen = new Set<string>();
      for (const upstream of Object.values(inputs).flat()) {
        if (!seen.has(upstream)) edges.push([upstream, row.id, "data"]);
        seen.add(upstream);
      }
      for (const upstream of readJson<string[]>(dialect, row.wait_for))
        edges.push([upstream, row.id, "wait"]);
      if (row.parent_task_run_id !== null) edges.push([row.parent_task_run_id, row.id, "parent"]);
    }
    if (cursor === undefined) {
      const subflows = await this.#sql.all(
        qb
          .selectFrom("flow_runs")
          .select(["id", "name", "state_type", "state_name", "start_time", "end_time", "parent_task_run_id"])
          .where("parent_flow_run_id", "=", flowRunId)
          .orderBy("id"),
      );
      for (const run of subflows) {
        nodes.push([
          run.id,
          "flow",
          run.name,
          run.state_type,
          run.state_name,
          num(run.start_time),
          num(run.end_time),
          run.parent_task_run_id,
        ]);
        if (run.parent_task_run_id !== null) edges.push([run.parent_task_run_id, run.id, "parent"]);
      }
    }
    const last = page.at(-1);
    return {
      flowRunId,
      columns: [...GRAPH_NODE_COLUMNS],
      nodes,
      edges,
      ...(rows.length > limit && last !== undefined ? { nextCursor: last.id } : {}),
    };
  }
}

function num(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
