/**
 * Write transactions: `BEGIN IMMEDIATE … COMMIT`, run synchronously in one go, retried
 * asynchronously while another process holds the write lock.
 *
 * `BEGIN IMMEDIATE` takes the write lock up front, so a transaction never fails half-way
 * because another writer got there first (a deferred `BEGIN` can, with no way to wait).
 * The work function is synchronous, so no other code of this process runs between BEGIN
 * and COMMIT, and the lock is held for as short a time as possible.
 *
 * @module
 */
import type BetterSqlite3 from "better-sqlite3";
import { OrdoError } from "../../errors/index.js";
import { retryWhileBusy } from "./busy-retry.js";
import { GroupCommit } from "./group-commit.js";

/** The work of a write transaction: synchronous (a Promise here is a bug, and a type error). */
export type TransactionWork<T> = () => T extends PromiseLike<unknown> ? never : T;

function isConstraintError(error: unknown): error is Error & { code: string } {
  return (
    error instanceof Error &&
    "code" in error &&
    typeof error.code === "string" &&
    error.code.startsWith("SQLITE_CONSTRAINT")
  );
}

/** A broken constraint as `ORDO_INVALID_INPUT`; any other error as it is. */
function asInvalidInput(operation: string, error: unknown): unknown {
  if (!isConstraintError(error)) return error;
  return new OrdoError(
    "ORDO_INVALID_INPUT",
    `${operation} rejected by the database: ${error.message}`,
    { operation, sqliteCode: error.code },
    { cause: error },
  );
}

/** Runs write transactions on one connection. */
export class WriteTransactions {
  readonly #db: BetterSqlite3.Database;
  readonly #timeoutMs: number;
  readonly #begin: BetterSqlite3.Statement;
  readonly #commit: BetterSqlite3.Statement;
  readonly #rollback: BetterSqlite3.Statement;

  readonly #group: GroupCommit | undefined;
  #closed = false;

  /**
   * `timeoutMs`: how long to wait for the write lock before `ORDO_DATABASE_BUSY`.
   * `groupCommit`: commit the writes queued in one turn of the event loop together (see
   * `group-commit.ts`); for a server with many concurrent clients.
   */
  constructor(db: BetterSqlite3.Database, timeoutMs: number, groupCommit = false) {
    this.#db = db;
    this.#timeoutMs = timeoutMs;
    this.#begin = db.prepare("BEGIN IMMEDIATE");
    this.#commit = db.prepare("COMMIT");
    this.#rollback = db.prepare("ROLLBACK");
    this.#group = groupCommit
      ? new GroupCommit(db, (runGroup) =>
          retryWhileBusy(() => this.#once("write group", runGroup), { timeoutMs, operation: "write group" }),
        )
      : undefined;
  }

  /**
   * Runs `work` inside `BEGIN IMMEDIATE … COMMIT`. Any error rolls the whole transaction
   * back; a locked database is retried (work runs again from the start); a broken
   * constraint becomes `ORDO_INVALID_INPUT`. With group commit, `work` shares a
   * transaction with the other writes of its group, and only its own writes are rolled
   * back on error (see `group-commit.ts`).
   */
  run<T>(operation: string, work: TransactionWork<T>): Promise<T> {
    if (this.#closed) return Promise.reject(closedError(operation));
    const group = this.#group;
    if (group !== undefined) {
      return group.run(work).catch((error: unknown) => {
        throw asInvalidInput(operation, error);
      });
    }
    return retryWhileBusy(() => this.#once(operation, work), { timeoutMs: this.#timeoutMs, operation });
  }

  /**
   * Refuses new writes (`ORDO_SERVER_UNAVAILABLE`) and waits for the queued ones, so the
   * connection can be closed under none of them.
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#group?.idle();
  }

  #once<T>(operation: string, work: () => T): T {
    this.#begin.run();
    try {
      const result = work();
      this.#commit.run();
      return result;
    } catch (error) {
      if (this.#db.inTransaction) this.#rollback.run();
      throw asInvalidInput(operation, error);
    }
  }
}

/** The error of a read or write after the store was closed. */
export function closedError(operation: string): OrdoError {
  return new OrdoError(
    "ORDO_SERVER_UNAVAILABLE",
    `${operation}: the database is closed (the server is stopping)`,
    {
      operation,
    },
  );
}
