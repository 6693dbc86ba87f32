/**
 * Flow-run lists for people and the UI, the same on both databases: filtered pages with
 * keyset pagination, capped counts, and history buckets for charts.
 *
 * @module
 */
import { sql } from "kysely";
import { OrdoError } from "../../errors/index.js";
import type { FlowRun, FlowRunCount, FlowRunPage, HistoryBucket } from "../../schemas/index.js";
import { flowRunFromRow, type FlowRunRow } from "../rows/flow-run-row.js";
import type { SqlExecutor } from "../sql-executor.js";
import { applyFlowRunFilter, matchesNothing, type FlowRunFilterValues } from "./flow-run-filter.js";

/** A page request, defaults applied. */
export interface FlowRunPageQuery extends FlowRunFilterValues {
  readonly sort: "NEWEST" | "OLDEST" | "NAME";
  readonly cursor?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

type CursorKey = [string | number, string];

function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

function decodeCursor(cursor: string): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, "base64url").toString()) as unknown;
    if (
      Array.isArray(key) &&
      key.length === 2 &&
      typeof key[1] === "string" &&
      ["string", "number"].includes(typeof key[0])
    ) {
      return key as CursorKey;
    }
  } catch {
    // reported below
  }
  throw new OrdoError("ORDO_INVALID_INPUT", "invalid cursor: pass the nextCursor of the previous page", {
    field: "cursor",
  });
}

/** Reads flow-run lists. */
export class FlowRunQueries {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  #base(filter: FlowRunFilterValues) {
    return applyFlowRunFilter(this.#sql.qb.selectFrom("flow_runs"), filter, this.#sql.dialect);
  }

  /** One page of flow runs and the cursor of the next one. */
  async page(query: FlowRunPageQuery): Promise<FlowRunPage> {
    if (matchesNothing(query)) return { items: [] };
    const [column, direction] =
      query.sort === "NAME"
        ? (["flow_runs.name", "asc"] as const)
        : (["flow_runs.created_at", query.sort === "OLDEST" ? "asc" : "desc"] as const);
    let select = this.#base(query)
      .selectAll("flow_runs")
      .select((eb) =>
        eb
          .selectFrom("flows")
          .select("flows.name")
          .whereRef("flows.id", "=", "flow_runs.flow_id")
          .as("flow_name"),
      );
    if (query.cursor !== undefined) {
      const [value, id] = decodeCursor(query.cursor);
      const op = direction === "asc" ? ">" : "<";
      select = select.where((eb) =>
        eb.or([eb(column, op, value), eb.and([eb(column, "=", value), eb("flow_runs.id", op, id)])]),
      );
    }
    const rows = await this.#sql.all(
      select
        .orderBy(column, direction)
        .orderBy("flow_runs.id", direction)
        .limit(query.limit + 1)
        .offset(query.offset),
    );
    const items: FlowRun[] = rows.slice(0, query.limit).map((row) => flowRunFromRow(row as FlowRunRow));
    const last = items.at(-1);
    if (rows.length <= query.limit || last === undefined) return { items };
    const key: CursorKey = query.sort === "NAME" ? [last.name, last.id] : [last.createdAt, last.id];
    return { items, nextCursor: encodeCursor(key) };
  }

  /** How many runs match, counting no further than `cap`. */
  async count(filter: FlowRunFilterValues, cap: number): Promise<FlowRunCount> {
    if (matchesNothing(filter)) return { count: 0, capped: false };
    const inner = this.#base(filter)
      .select(sql.lit(1).as("one"))
      .limit(cap + 1);
    const rows = await this.#sql.all(
      this.#sql.qb.selectFrom(inner.as("matched")).select((eb) => eb.fn.countAll<number>().as("n")),
    );
    const n = Number(rows[0]?.n ?? 0);
    return n > cap ? { count: cap, capped: true } : { count: n, capped: false };
  }

  /** Runs by state type in buckets of `intervalMs` from `from` to `to`, by expected start time. */
  async history(
    from: number,
    to: number,
    intervalMs: number,
    filter: FlowRunFilterValues,
  ): Promise<HistoryBucket[]> {
    const buckets: HistoryBucket[] = [];
    for (let start = from; start < to; start += intervalMs) {
      buckets.push({ start, end: Math.min(start + intervalMs, to), counts: {} });
    }
    if (matchesNothing(filter)) return buckets;
    // CAST: better-sqlite3 binds JS numbers as REAL, which would make the division fractional
    // (a group per run instead of per bucket).
    const bucket = sql<number>`cast((${sql.ref("flow_runs.expected_start_time")} - ${from}) / ${intervalMs} as integer)`;
    const select = this.#base({
      ...filter,
      expectedStartTime: {
        after: Math.max(from, filter.expectedStartTime?.after ?? from),
        before: Math.min(to, filter.expectedStartTime?.before ?? to),
      },
    })
      .select([
        bucket.as("bucket"),
        "flow_runs.state_type as state_type",
        (eb) => eb.fn.countAll<number>().as("n"),
      ])
      // By position: PostgreSQL does not see two bound copies of `from` as one expression.
      .groupBy([sql`1`, sql`2`]);
    const rows = await this.#sql.all(select);
    for (const row of rows) {
      const target = buckets[Math.floor(Number(row.bucket))];
      if (target !== undefined)
        target.counts[row.state_type] = (target.counts[row.state_type] ?? 0) + Number(row.n);
    }
    return buckets;
  }
}
