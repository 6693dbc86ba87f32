/**
 * The run recorder: batched write-behind for task runs, their notable states and logs.
 *
 * The engine mutates a task run's snapshot in place and marks it dirty; the recorder
 * writes the latest snapshot of every dirty task run, the detailed state records and the
 * log lines in one `recordBatch` call every `flushIntervalMs` or every `maxItems` items,
 * whichever comes first. A task run created and completed within one interval costs one
 * row write. `flush()` writes everything pending and resolves when it is stored.
 *
 * Each batch also says which entries of each snapshot's state history are new since the
 * previous batch (`newStates`), so the backend writes one task-run event per state entered,
 * once, however many times a snapshot is written.
 *
 * One batch is written at a time. While it is being written, new items wait; once
 * `maxPending` of them wait, {@link RunRecorder.backlog} tells the engine to start no more
 * task runs until the write ends, so a backend slower than the engine bounds the memory
 * the waiting snapshots take instead of letting it grow with the flow run.
 *
 * @module
 */
import type { OrdoClient } from "../client/ordo-client.js";
import { isOrdoError } from "../errors/ordo-error.js";
import { splitRecorderBatch } from "../schemas/split-recorder-batch.js";
import type { LogRecord, NewStates, RecorderBatch, TaskRun, TaskRunStateRecord } from "../schemas/index.js";
import { runContextStorage } from "./context.js";

/** How often and how much the recorder writes. */
export interface RecorderOptions {
  /** Longest time an item waits before it is written (default 5 ms). */
  readonly flushIntervalMs?: number | undefined;
  /** Write as soon as this many items are pending (default 1,000). */
  readonly maxItems?: number | undefined;
  /**
   * While a write is in flight and this many items wait, new task runs wait for the write
   * to end (default: `maxItems`).
   */
  readonly maxPending?: number | undefined;
  /** Called when a write fails; the batch is kept and written again later. */
  readonly onError?: ((error: unknown) => void) | undefined;
  /** Called for an item the backend rejected as invalid; it is dropped. */
  readonly onDropped?: ((error: unknown, batch: RecorderBatch) => void) | undefined;
}

/**
 * Where the recorder keeps, on a snapshot, how many entries of its state history earlier
 * batches carried as new (a symbol: it is not part of the task run, and JSON leaves it out).
 */
export const STATES_TAKEN: unique symbol = Symbol("ordo.recorder.statesTaken");

/** A mutable task-run snapshot, as the engine keeps it. */
export type TaskRunSnapshot = { -readonly [K in keyof TaskRun]: TaskRun[K] } & { [STATES_TAKEN]?: number };

/** Batched write-behind of task runs and logs for one process. */
export class RunRecorder {
  readonly #client: OrdoClient;
  readonly #intervalMs: number;
  readonly #maxItems: number;
  readonly #maxPending: number;
  readonly #onError: ((error: unknown) => void) | undefined;
  readonly #onDropped: ((error: unknown, batch: RecorderBatch) => void) | undefined;
  #dirty = new Set<TaskRunSnapshot>();
  #states: TaskRunStateRecord[] = [];
  #logs: LogRecord[] = [];
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> | undefined;
  /** Settles when the write in flight ends; made when a caller has to wait for it. */
  #writeEnded: Promise<void> | undefined;
  #failures = 0;
  /** When the oldest pending item arrived (ms since the epoch); 0 when none is pending. */
  #oldest = 0;

  constructor(client: OrdoClient, options: RecorderOptions = {}) {
    this.#client = client;
    this.#intervalMs = options.flushIntervalMs ?? 5;
    this.#maxItems = options.maxItems ?? 1000;
    this.#maxPending = options.maxPending ?? this.#maxItems;
    this.#onError = options.onError;
    this.#onDropped = options.onDropped;
  }

  /** Items waiting to be written. */
  get pending(): number {
    return this.#dirty.size + this.#states.length + this.#logs.length;
  }

  /**
   * Undefined when a task run may start now; else a promise that settles (never rejects)
   * when the write in flight ends: `maxPending` items wait behind it.
   */
  backlog(): Promise<void> | undefined {
    const writing = this.#writing;
    if (writing === undefined || this.pending < this.#maxPending) return undefined;
    return (this.#writeEnded ??= writing.then(
      () => undefined,
      () => undefined,
    ));
  }

  /** Marks a task run changed: its latest snapshot is written with the next batch. */
  taskRun(snapshot: TaskRunSnapshot): void {
    this.#dirty.add(snapshot);
    this.#schedule();
  }

  /**
   * Says that the states `snapshot` holds now were recorded before (a task run resumed
   * from an earlier attempt of its flow run): only states entered from now on are new.
   */
  recordedBefore(snapshot: TaskRunSnapshot): void {
    snapshot[STATES_TAKEN] = snapshot.stateHistory.length;
  }

  /** Records a notable transition (failure, retry, crash) in full. */
  taskRunState(record: TaskRunStateRecord): void {
    this.#states.push(record);
    this.#schedule();
  }

  /** Records a log line. */
  log(record: LogRecord): void {
    this.#logs.push(record);
    this.#schedule();
  }

  /** Writes everything pending; resolves when it is stored. Rejects if the write fails. */
  async flush(): Promise<void> {
    this.#clearTimer();
    // Wait for a write in progress, then write what came since.
    while (this.#writing !== undefined) await this.#writing.catch(() => undefined);
    if (this.pending === 0) return;
    const batch = this.#take();
    this.#writing = this.#write(batch);
    try {
      await this.#writing;
      this.#failures = 0;
    } catch (error) {
      this.#restore(batch);
      throw error;
    } finally {
      this.#writing = undefined;
      this.#writeEnded = undefined;
    }
    // What arrived meanwhile and is due goes at once, not at the next timer turn.
    if (this.pending > 0) this.#schedule();
  }

  /**
   * Writes a batch. A batch the backend rejects as invalid (`ORDO_INVALID_INPUT`, e.g. a
   * broken constraint) is split in halves until the bad items are found; those are
   * dropped and reported, the rest is written. Other errors (a busy or unreachable
   * backend) reject, and the batch is kept for the next attempt.
   */
  async #write(batch: RecorderBatch): Promise<void> {
    try {
      // Outside the run context: whatever the backend starts on its first write (the
      // SQLite writer thread) would otherwise keep the flow run's context, and everything
      // it references, alive for the life of the process.
      await runContextStorage.exit(() => this.#client.recordBatch(batch));
    } catch (error) {
      if (!isOrdoError(error, "ORDO_INVALID_INPUT")) throw error;
      const items = batch.taskRuns.length + batch.taskRunStates.length + batch.logs.length;
      if (items <= 1) {
        this.#onDropped?.(error, batch);
        return;
      }
      const [a, b] = splitRecorderBatch(batch);
      await this.#write(a);
      await this.#write(b);
    }
  }

  #schedule(): void {
    const now = Date.now();
    if (this.#oldest === 0) this.#oldest = now;
    if (
      this.#writing === undefined &&
      this.#failures === 0 &&
      (this.pending >= this.#maxItems || now - this.#oldest >= this.#intervalMs)
    ) {
      // Due now: write in line. Code that never yields to timers (a flow of pure
      // computation settles on microtasks only) is still recorded within the interval.
      this.#clearTimer();
      this.flush().catch((error: unknown) => this.#failed(error));
      return;
    }
    if (this.#timer === undefined) this.#background(this.#intervalMs);
  }

  #failed(error: unknown): void {
    this.#failures++;
    this.#onError?.(error);
    this.#background(Math.min(1000, this.#intervalMs * 2 ** this.#failures));
  }

  #background(delayMs: number): void {
    if (this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#writing !== undefined) {
        // One write at a time: try again right after the current one.
        this.#background(this.#intervalMs);
        return;
      }
      this.flush().catch((error: unknown) => this.#failed(error));
    }, delayMs);
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #take(): RecorderBatch {
    const taskRuns = [...this.#dirty];
    const newStates: NewStates[] = [];
    for (const run of taskRuns) {
      const from = run[STATES_TAKEN] ?? 0;
      const to = run.stateHistory.length;
      if (to > from) {
        newStates.push([run.id, from, to]);
        run[STATES_TAKEN] = to;
      }
    }
    const batch: RecorderBatch = {
      taskRuns,
      taskRunStates: this.#states,
      logs: this.#logs,
      newStates,
    };
    this.#dirty = new Set();
    this.#states = [];
    this.#logs = [];
    this.#oldest = 0;
    return batch;
  }

  #restore(batch: RecorderBatch): void {
    const from = new Map((batch.newStates ?? []).map(([id, first]) => [id, first]));
    for (const run of batch.taskRuns) {
      this.#dirty.add(run);
      const first = from.get(run.id);
      if (first !== undefined) (run as TaskRunSnapshot)[STATES_TAKEN] = first; // its new states are new again
    }
    this.#states = batch.taskRunStates.concat(this.#states);
    this.#logs = batch.logs.concat(this.#logs);
    if (this.#oldest === 0) this.#oldest = Date.now();
  }
}
