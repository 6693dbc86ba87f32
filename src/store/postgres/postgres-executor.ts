/**
 * The {@link SqlExecutor} of the PostgreSQL store.
 *
 * @module
 */
import type { Compilable, Kysely } from "kysely";
import type { Database } from "../database.js";
import type { SqlExecutor } from "../sql-executor.js";

/** Runs queries on the PostgreSQL pool; writes in one transaction. */
export function postgresExecutor(db: Kysely<Database>): SqlExecutor {
  return {
    dialect: "postgres",
    qb: db,
    async all<R>(query: Compilable<R>) {
      return (await db.executeQuery(query.compile())).rows;
    },
    write(queries: readonly Compilable[]) {
      return db.transaction().execute(async (tx) => {
        const changed: number[] = [];
        for (const query of queries) {
          const result = await tx.executeQuery(query.compile());
          changed.push(Number(result.numAffectedRows ?? 0n));
        }
        return changed;
      });
    },
  };
}
