/**
 * Deleting old data in small batches, the same on both databases: finished flow runs
 * (their states, task runs and logs go with them) and events.
 *
 * @module
 */
import type { SelectQueryBuilder } from "kysely";
import type { Database } from "../database.js";
import type { SqlExecutor } from "../sql-executor.js";

const FINISHED = ["COMPLETED", "FAILED", "CRASHED", "CANCELLED"];

/** Deletes old rows, one small batch per call. */
export class RetentionRecords {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /**
   * Deletes up to `limit` finished flow runs created before `before` (with their state
   * history, task runs and logs, by cascade); returns how many.
   */
  deleteFlowRunsBefore(before: number, limit: number): Promise<number> {
    const doomed = this.#sql.qb
      .selectFrom("flow_runs")
      .select("id")
      .where("created_at", "<", before)
      .where("state_type", "in", FINISHED)
      .limit(limit);
    return this.#deleteIds("flow_runs", doomed);
  }

  /** Deletes up to `limit` events that occurred before `before`; returns how many. */
  deleteEventsBefore(before: number, limit: number): Promise<number> {
    const doomed = this.#sql.qb.selectFrom("events").select("id").where("occurred", "<", before).limit(limit);
    return this.#deleteIds("events", doomed);
  }

  /** Deletes up to `limit` recorder-batch ids recorded before `before` (kept only to refuse resends). */
  deleteRecordedBatchesBefore(before: number, limit: number): Promise<number> {
    const doomed = this.#sql.qb
      .selectFrom("recorded_batches")
      .select("id")
      .where("recorded_at", "<", before)
      .limit(limit);
    return this.#deleteIds("recorded_batches", doomed);
  }

  async #deleteIds(
    table: "flow_runs" | "events" | "recorded_batches",
    ids: SelectQueryBuilder<Database, "flow_runs" | "events" | "recorded_batches", { id: string }>,
  ): Promise<number> {
    const [changed] = await this.#sql.write([this.#sql.qb.deleteFrom(table).where("id", "in", ids)]);
    return changed ?? 0;
  }
}
