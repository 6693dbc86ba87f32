/**
 * The floor: inserting the rows Ordo writes for N completed no-op task runs, with
 * better-sqlite3 directly, in one transaction, with no engine around it.
 *
 * The table is created from the `task_runs` statements of migration 0001 itself (same
 * columns, same indexes, same foreign key), in a database opened with the store's pragmas
 * (WAL, `synchronous = NORMAL`, `foreign_keys = ON`). Each row carries what a completed
 * no-op task run carries: a UUIDv7 id, a compact three-state history, an inputs hash and
 * an inline result.
 *
 * @module
 */
import BetterSqlite3 from "better-sqlite3";
import { join } from "node:path";
import { uuid7 } from "../../src/ids/uuid7.js";
import { migration0001 } from "../../src/store/migrations/0001-init.js";

/** The `CREATE TABLE task_runs` and `CREATE … INDEX … ON task_runs` statements of migration 0001. */
export function taskRunsDdl(): string {
  const sql = migration0001.sqlite;
  const table = /CREATE TABLE task_runs \([\s\S]*?\n\);/.exec(sql)?.[0];
  const indexes = sql.match(/CREATE (UNIQUE )?INDEX \w+ ON task_runs [^;]*;/g) ?? [];
  if (table === undefined || indexes.length === 0) {
    throw new Error("migration 0001 no longer has the task_runs statements this benchmark expects");
  }
  return [table, ...indexes].join("\n");
}

const COLUMNS = [
  "id",
  "flow_run_id",
  "task_key",
  "dynamic_key",
  "name",
  "tags",
  "state_type",
  "state_name",
  "state_timestamp",
  "state_history",
  "run_count",
  "start_time",
  "end_time",
  "inputs_hash",
  "result",
  "inputs",
  "wait_for",
  "created_at",
  "updated_at",
] as const;

const INPUTS_HASH = "d0bca111f8628137adc4c16f123496dcdd1d590d06cb5d9acd68b39fe656fb97";

/** A task_runs table in its own SQLite file, ready for timed inserts. */
export class FloorTable {
  readonly #db: BetterSqlite3.Database;
  readonly #flowRunId = uuid7();
  #insert: BetterSqlite3.Statement | undefined;

  /** Opens (creating) `floor.db` in `dir`. */
  constructor(dir: string) {
    this.#db = new BetterSqlite3(join(dir, "floor.db"));
    this.#db.pragma("journal_mode = WAL");
    this.#db.pragma("synchronous = NORMAL");
    this.#db.pragma("foreign_keys = ON");
    // The parent the foreign key of task_runs points at: one flow run.
    this.#db.exec("CREATE TABLE flow_runs (id TEXT PRIMARY KEY)");
    this.#db.prepare("INSERT INTO flow_runs (id) VALUES (?)").run(this.#flowRunId);
  }

  /** Drops and recreates the task_runs table (not timed). */
  reset(): void {
    this.#db.exec("DROP TABLE IF EXISTS task_runs");
    this.#db.exec(taskRunsDdl());
    this.#insert = this.#db.prepare(
      `INSERT INTO task_runs (${COLUMNS.join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`,
    );
  }

  /** Inserts `n` completed task-run rows in one transaction (call {@link FloorTable.reset} first). */
  insert(n: number): number {
    const insert = this.#insert;
    if (insert === undefined) throw new Error("FloorTable.reset() was not called");
    const flowRunId = this.#flowRunId;
    const write = this.#db.transaction(() => {
      for (let i = 0; i < n; i++) {
        const now = Date.now();
        insert.run(
          uuid7(now),
          flowRunId,
          "noop",
          String(i),
          `noop-${i}`,
          "[]",
          "COMPLETED",
          "Completed",
          now,
          `[["PENDING","Pending",${now}],["RUNNING","Running",${now}],["COMPLETED","Completed",${now}]]`,
          1,
          now,
          now,
          INPUTS_HASH,
          `{"kind":"inline","serializer":"json","data":"{\\"json\\":${i}}"}`,
          "{}",
          "[]",
          now,
          now,
        );
      }
    });
    write();
    return n;
  }

  /** Closes the database. */
  close(): void {
    this.#db.close();
  }
}
