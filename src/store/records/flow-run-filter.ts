/**
 * The WHERE clause of a flow-run filter, the same on SQLite and PostgreSQL (tags differ:
 * a JSON text array on SQLite, JSONB on PostgreSQL).
 *
 * @module
 */
import { sql, type SelectQueryBuilder } from "kysely";
import type { z } from "zod";
import type { FlowRunFilterSchema, TimeRangeSchema } from "../../schemas/index.js";
import type { Database } from "../database.js";
import type { SqlExecutor } from "../sql-executor.js";

/** A flow-run filter with its defaults applied. */
export type FlowRunFilterValues = Omit<
  z.output<typeof FlowRunFilterSchema>,
  "sort" | "cursor" | "limit" | "offset"
>;

type Select<O> = SelectQueryBuilder<Database, "flow_runs", O>;

function hasTag(dialect: SqlExecutor["dialect"], tag: string) {
  return dialect === "sqlite"
    ? sql<boolean>`exists (select 1 from json_each(${sql.ref("flow_runs.tags")}) where value = ${tag})`
    : sql<boolean>`${sql.ref("flow_runs.tags")} ? ${tag}`;
}

function inRange<O>(
  select: Select<O>,
  column: "expected_start_time" | "start_time" | "end_time",
  range: z.output<typeof TimeRangeSchema> | undefined,
): Select<O> {
  let out = select;
  if (range?.after !== undefined) out = out.where(`flow_runs.${column}`, ">=", range.after);
  if (range?.before !== undefined) out = out.where(`flow_runs.${column}`, "<", range.before);
  return out;
}

/** True when the filter can match nothing (an empty list of allowed values). */
export function matchesNothing(filter: FlowRunFilterValues): boolean {
  return [
    filter.ids,
    filter.flowNames,
    filter.stateTypes,
    filter.stateNames,
    filter.tagsAny,
    filter.deploymentIds,
    filter.workPoolNames,
  ].some((list) => list !== undefined && list.length === 0);
}

/** Narrows `select` (from flow_runs) by `filter`. */
export function applyFlowRunFilter<O>(
  select: Select<O>,
  filter: FlowRunFilterValues,
  dialect: SqlExecutor["dialect"],
): Select<O> {
  let out = select;
  if (filter.ids !== undefined) out = out.where("flow_runs.id", "in", filter.ids);
  // Flows by a subquery rather than a join: the planner then starts from flow_runs' own
  // indexes (a join made SQLite walk every run of every flow).
  const flowName = filter.flowName;
  if (flowName !== undefined) {
    out = out.where("flow_runs.flow_id", "in", (eb) =>
      eb.selectFrom("flows").select("flows.id").where("flows.name", "=", flowName),
    );
  }
  const flowNames = filter.flowNames;
  if (flowNames !== undefined) {
    out = out.where("flow_runs.flow_id", "in", (eb) =>
      eb.selectFrom("flows").select("flows.id").where("flows.name", "in", flowNames),
    );
  }
  if (filter.stateTypes !== undefined) out = out.where("flow_runs.state_type", "in", filter.stateTypes);
  const names = filter.stateNames;
  if (names?.length === 1) {
    // `=` rather than `IN (?)`: SQLite then sees that the partial index of Late runs
    // (`WHERE state_name = 'Late'`) holds every match; it never does for an IN list.
    out = out.where("flow_runs.state_name", "=", names[0]!);
  } else if (names !== undefined) {
    out = out.where("flow_runs.state_name", "in", names);
  }
  for (const tag of filter.tags ?? []) out = out.where(hasTag(dialect, tag));
  const any = filter.tagsAny;
  if (any !== undefined) out = out.where((eb) => eb.or(any.map((tag) => hasTag(dialect, tag))));
  if (filter.parentFlowRunId !== undefined)
    out = out.where("flow_runs.parent_flow_run_id", "=", filter.parentFlowRunId);
  if (filter.dynamicKey !== undefined) out = out.where("flow_runs.dynamic_key", "=", filter.dynamicKey);
  if (filter.deploymentIds !== undefined)
    out = out.where("flow_runs.deployment_id", "in", filter.deploymentIds);
  const pools = filter.workPoolNames;
  if (pools !== undefined) {
    out = out.where("flow_runs.work_queue_id", "in", (eb) =>
      eb
        .selectFrom("work_queues")
        .innerJoin("work_pools", "work_pools.id", "work_queues.work_pool_id")
        .select("work_queues.id")
        .where("work_pools.name", "in", pools),
    );
  }
  if (filter.namePrefix !== undefined) {
    // A range rather than LIKE, so the name index serves it on both databases.
    out = out
      .where("flow_runs.name", ">=", filter.namePrefix)
      .where("flow_runs.name", "<", `${filter.namePrefix}\u{10ffff}`);
  }
  out = inRange(out, "expected_start_time", filter.expectedStartTime);
  out = inRange(out, "start_time", filter.startTime);
  out = inRange(out, "end_time", filter.endTime);
  return out;
}
