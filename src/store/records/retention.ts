/**
 * Deleting old data in small batches, the same on both databases: finished flow runs
 * (their states, task runs and logs go with them) and events.
 *
 * @module
 */
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
  async deleteFlowRunsBefore(before: number, limit: number): Promise<number> {
    const { qb } = this.#sql;
    const doomed = qb
      .selectFrom("flow_runs")
      .select("id")
      .where("created_at", "<", before)
      .where("state_type", "in", FINISHED)
      .limit(limit);
    const [changed] = await this.#sql.write([qb.deleteFrom("flow_runs").where("id", "in", doomed)]);
    return changed ?? 0;
  }

  /** Deletes up to `limit` events that occurred before `before`; returns how many. */
  async deleteEventsBefore(before: number, limit: number): Promise<number> {
    const { qb } = this.#sql;
    const doomed = qb.selectFrom("events").select("id").where("occurred", "<", before).limit(limit);
    const [changed] = await this.#sql.write([qb.deleteFrom("events").where("id", "in", doomed)]);
    return changed ?? 0;
  }

  /** Deletes up to `limit` recorder-batch ids recorded before `before` (kept only to refuse resends). */
  async deleteRecordedBatchesBefore(before: number, limit: number): Promise<number> {
    const { qb } = this.#sql;
    const doomed = qb
      .selectFrom("recorded_batches")
      .select("id")
      .where("recorded_at", "<", before)
      .limit(limit);
    const [changed] = await this.#sql.write([qb.deleteFrom("recorded_batches").where("id", "in", doomed)]);
    return changed ?? 0;
  }
}
