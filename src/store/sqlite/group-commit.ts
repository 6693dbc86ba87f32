/**
 * Group commit: write transactions that arrive in the same turn of the event loop (a
 * server answering many clients at once) are committed together, so one commit serves
 * many writes, and one failure rolls back only its own.
 *
 * A group first runs without savepoints: inside a savepoint SQLite copies every page a
 * write first changes into a sub-journal (a temporary file), which cost about as much as
 * the writes themselves (flow-run state changes touch many index pages). Only when a
 * write of the group throws is the whole transaction rolled back and the group run again,
 * each write inside its own savepoint, so that the failure takes back only its own writes.
 *
 * @module
 */
import type BetterSqlite3 from "better-sqlite3";

/** One queued write: its work and how to answer it. */
interface Pending {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** The outcome of one write of a group. */
type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** Thrown out of a group run without savepoints when one of its writes failed. */
class GroupFailed extends Error {}

/** Runs every write of `group` with no savepoint; the first error throws {@link GroupFailed}. */
function runAll(group: readonly Pending[]): Outcome[] {
  return group.map((item) => {
    try {
      return { ok: true, value: item.work() };
    } catch (error) {
      throw new GroupFailed("a write of the group failed", { cause: error });
    }
  });
}

/**
 * Queues synchronous writes and runs them in groups. `commitGroup` runs a function inside
 * one write transaction (with busy retries); it is given the group runner.
 */
export class GroupCommit {
  readonly #savepoint: BetterSqlite3.Statement;
  readonly #release: BetterSqlite3.Statement;
  readonly #rollbackTo: BetterSqlite3.Statement;
  readonly #commitGroup: (runGroup: () => Outcome[]) => Promise<Outcome[]>;
  #queue: Pending[] = [];
  #scheduled = false;
  #flushing: Promise<void> | undefined;

  constructor(db: BetterSqlite3.Database, commitGroup: (runGroup: () => Outcome[]) => Promise<Outcome[]>) {
    this.#savepoint = db.prepare("SAVEPOINT ordo_write");
    this.#release = db.prepare("RELEASE ordo_write");
    this.#rollbackTo = db.prepare("ROLLBACK TO ordo_write");
    this.#commitGroup = commitGroup;
  }

  /** Queues `work`; it runs in the next group, and its result or error is its own. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => {
          this.#flushing = this.#flush().finally(() => (this.#flushing = undefined));
        });
      }
    });
  }

  /** Resolves when every queued write has been committed (or refused). */
  async idle(): Promise<void> {
    while (this.#scheduled || this.#flushing !== undefined) {
      await (this.#flushing ?? new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }

  async #flush(): Promise<void> {
    const group = this.#queue;
    this.#queue = [];
    this.#scheduled = false;
    let outcomes: Outcome[];
    try {
      outcomes = await this.#commitGroup(() => runAll(group));
    } catch (error) {
      if (!(error instanceof GroupFailed)) {
        for (const item of group) item.reject(error);
        return;
      }
      try {
        outcomes = await this.#commitGroup(() => group.map((item) => this.#runOne(item.work)));
      } catch (retryError) {
        for (const item of group) item.reject(retryError);
        return;
      }
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  #runOne(work: () => unknown): Outcome {
    this.#savepoint.run();
    try {
      const value = work();
      this.#release.run();
      return { ok: true, value };
    } catch (error) {
      this.#rollbackTo.run();
      this.#release.run();
      return { ok: false, error };
    }
  }
}
