/**
 * The {@link SqlExecutor} of the SQLite store.
 *
 * @module
 */
import type { Compilable, Kysely } from "kysely";
import type { Database } from "../database.js";
import type { SqlExecutor } from "../sql-executor.js";
import { retryWhileBusy } from "./busy-retry.js";
import type { SqlRunner } from "./sql-runner.js";
import type { WriteTransactions } from "./write-transaction.js";

/** Runs queries on the SQLite store's connection: reads retried while busy, writes in `BEGIN IMMEDIATE`. */
export function sqliteExecutor(
  qb: Kysely<Database>,
  runner: SqlRunner,
  transactions: WriteTransactions,
  lockTimeoutMs: number,
): SqlExecutor {
  return {
    dialect: "sqlite",
    qb,
    all<R>(query: Compilable<R>) {
      return retryWhileBusy(() => runner.all(query.compile()), {
        timeoutMs: lockTimeoutMs,
        operation: "read",
      });
    },
    write(queries: readonly Compilable[]) {
      const compiled = queries.map((q) => q.compile());
      return transactions.run("write", () => compiled.map((q) => runner.run(q)));
    },
  };
}
