/**
 * The crash-detection page, the same on both databases: flow runs of one state type that
 * record a host, only the columns that tell whether their process lives, in id order.
 *
 * Served by the partial index `flow_runs_hosted_state_type_id_idx (state_type, id) WHERE
 * host IS NOT NULL` (migration 9), so a page reads its own rows and nothing else, however
 * many runs without a host the state has.
 *
 * @module
 */
import type { Kysely, NotNull } from "kysely";
import type { Database } from "../database.js";
import type { HostedFlowRun, HostedFlowRunQuery } from "../store.js";

/** The query of one page of {@link HostedFlowRun}s. */
export function selectHostedFlowRuns(qb: Kysely<Database>, query: HostedFlowRunQuery) {
  let select = qb
    .selectFrom("flow_runs")
    .select(["id", "host", "pid", "heartbeat_at", "updated_at"])
    .where("state_type", "=", query.stateType)
    .where("host", "is not", null)
    .$narrowType<{ host: NotNull }>();
  if (query.afterId !== undefined) select = select.where("id", ">", query.afterId);
  return select.orderBy("id").limit(query.limit);
}

/** A row of {@link selectHostedFlowRuns} as a {@link HostedFlowRun}. */
export function hostedFlowRunFromRow(row: {
  readonly id: string;
  readonly host: string;
  readonly pid: number | null;
  readonly heartbeat_at: number | null;
  readonly updated_at: number;
}): HostedFlowRun {
  return {
    id: row.id,
    host: row.host,
    pid: row.pid ?? undefined,
    heartbeatAt: row.heartbeat_at ?? undefined,
    updatedAt: row.updated_at,
  };
}
