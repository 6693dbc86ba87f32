/**
 * Where the append-only tables end: the newest event id and log id, so that a live
 * stream can start with only what comes next.
 *
 * @module
 */
import type { SqlExecutor } from "../sql-executor.js";

/** Reads the newest ids of the append-only tables. */
export class TablePositions {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /** The newest event's id, or undefined when there is none. */
  async newestEventId(): Promise<string | undefined> {
    const rows = await this.#sql.all(
      this.#sql.qb.selectFrom("events").select("id").orderBy("id", "desc").limit(1),
    );
    return rows[0]?.id;
  }

  /** The newest log line's id, or 0 when there is none. */
  async newestLogId(): Promise<number> {
    const rows = await this.#sql.all(
      this.#sql.qb.selectFrom("logs").select("id").orderBy("id", "desc").limit(1),
    );
    return Number(rows[0]?.id ?? 0);
  }
}
