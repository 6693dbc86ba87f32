/**
 * The parameter JSON Schema of each flow, the same on both databases.
 *
 * @module
 */
import { readJson, type SqlExecutor } from "../sql-executor.js";

/** Reads and writes flows' parameter schemas. */
export class FlowSchemas {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /** Stores the schema of the flow `name` (which must exist). */
  async set(name: string, schema: Record<string, unknown>): Promise<void> {
    await this.#sql.write([
      this.#sql.qb
        .updateTable("flows")
        .set({ parameter_schema: JSON.stringify(schema) })
        .where("name", "=", name),
    ]);
  }

  /** The schema of the flow `name`, or undefined (no such flow, or no schema). */
  async get(name: string): Promise<Record<string, unknown> | undefined> {
    const rows = await this.#sql.all(
      this.#sql.qb.selectFrom("flows").select("parameter_schema").where("name", "=", name),
    );
    const value = rows[0]?.parameter_schema;
    return value === null || value === undefined ? undefined : readJson(this.#sql.dialect, value);
  }
}
