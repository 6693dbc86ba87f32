/**
 * Running PostgreSQL work with Ordo's error codes: reads once, write transactions
 * retried from the start after a serialization failure or a deadlock.
 *
 * @module
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../database.js";
import { isRetryableError, toOrdoError } from "./pg-errors.js";

/** How many times a write transaction runs before its failure is reported. */
const MAX_ATTEMPTS = 5;

/** Runs a read (or one statement); failures become Ordo's errors. */
export async function runQuery<T>(operation: string, query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    throw toOrdoError(error, operation);
  }
}

/**
 * Runs `work` in one transaction (READ COMMITTED; take row locks with `FOR UPDATE` where
 * the work reads before it writes). A serialization failure or deadlock rolls back and
 * runs `work` again from the start, up to 5 times; other errors roll back and reject.
 */
export async function runTransaction<T>(
  db: Kysely<Database>,
  operation: string,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (attempt < MAX_ATTEMPTS && isRetryableError(error)) {
        await sleep(Math.random() * 5 * attempt);
        continue;
      }
      throw toOrdoError(error, operation);
    }
  }
}
