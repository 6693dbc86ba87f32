/**
 * `RecorderOutbox`: the HTTP client's queue of run-recorder batches. Batches are
 * delivered in order, one request at a time, in the background; an outage never makes
 * `enqueue` reject.
 *
 * - While the server answers, `enqueue` resolves when the batch is delivered (so the
 *   recorder's back-pressure and `durability: "sync"` keep their meaning).
 * - When a delivery fails for lack of an answer, the outbox enters outage mode: pending
 *   batches move to a spool file (`ORDO_HOME/spool/<pid>-<id>.jsonl`), new ones are
 *   appended there and `enqueue` resolves once written; delivery resumes with backoff
 *   and the file is deleted when everything in it is delivered.
 * - Past `maxItems` items held in memory (a slow server), new batches go to the spool
 *   file too.
 * - `drain(flowRunId)` waits until every batch holding that flow run's items so far is
 *   delivered; the client calls it before a terminal flow-run state.
 *
 * Every batch carries a `batchId`, so a batch sent twice (an answer lost, a spool file
 * delivered again after a crash) is written once by the server.
 *
 * @module
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { OrdoError } from "../../errors/ordo-error.js";
import { uuid7 } from "../../ids/uuid7.js";
import type { RecorderBatch } from "../../schemas/index.js";
import { BATCH_PATH, batchItems, deliverRefusedBatch, type OnDropped } from "./deliver-batch.js";
import type { HttpTransport } from "./http-transport.js";
import { backoffDelayMs } from "./retry-policy.js";
import { SpoolFile, spoolFileName } from "./spool-file.js";

/** How to build a {@link RecorderOutbox}. */
export interface RecorderOutboxOptions {
  readonly transport: HttpTransport;
  /** Where spool files go; without one, everything stays in memory. */
  readonly spoolFolder?: string | undefined;
  /** Items held in memory before batches spill to the spool file (default 10 000). */
  readonly maxItems?: number | undefined;
  /** Longest wait between delivery attempts during an outage, in ms (default 1 000). */
  readonly maxBackoffMs?: number | undefined;
  /** Told once per outage, and once when batches first spill to disk. */
  readonly onWarning?: ((message: string) => void) | undefined;
  /** Told about items the server refused (they are dropped). */
  readonly onDropped?: OnDropped | undefined;
}

/** One pending batch: its JSON body, and whether it is already in the spool file. */
interface Entry {
  readonly body: string;
  readonly items: number;
  readonly spooled: boolean;
  /** Resolves the `enqueue` call while it still waits. */
  settle: (() => void) | undefined;
  /** Rejects the `enqueue` call while it still waits (the server refused the batch). */
  refuse?: ((error: unknown) => void) | undefined;
}

/** A caller of `drain`, waiting for `target` batches to be delivered. */
interface Waiter {
  readonly target: number;
  readonly resolve: () => void;
}

/** In-order, outage-tolerant delivery of recorder batches. */
export class RecorderOutbox {
  readonly #transport: HttpTransport;
  readonly #folder: string | undefined;
  readonly #maxItems: number;
  readonly #maxBackoffMs: number;
  readonly #warn: (message: string) => void;
  readonly #onDropped: OnDropped;
  #memory: Entry[] = [];
  #memoryItems = 0;
  /** Set synchronously when new batches must go to the spool file. */
  #spoolActive = false;
  #spool: SpoolFile | undefined;
  /** Spool-file operations, one at a time and in order. */
  #fileOps: Promise<void> = Promise.resolve();
  #enqueued = 0;
  #delivered = 0;
  readonly #lastSeqByFlowRun = new Map<string, number>();
  #waiters: Waiter[] = [];
  #outage = false;
  #failures = 0;
  #warnedSpill = false;
  #stopped = false;
  #wake: (() => void) | undefined;
  #interrupt: (() => void) | undefined;
  /** Set when a wake-up came while the loop was busy. */
  #kicked = false;
  readonly #loop: Promise<void>;

  constructor(options: RecorderOutboxOptions) {
    this.#transport = options.transport;
    this.#folder = options.spoolFolder;
    this.#maxItems = options.maxItems ?? 10_000;
    this.#maxBackoffMs = options.maxBackoffMs ?? 1_000;
    this.#warn = options.onWarning ?? (() => undefined);
    this.#onDropped = options.onDropped ?? (() => undefined);
    this.#loop = this.#run();
  }

  /** Batches not yet delivered. */
  get pending(): number {
    return this.#enqueued - this.#delivered;
  }

  /** The spool file in use, if any. */
  get spoolPath(): string | undefined {
    return this.#spool?.path;
  }

  /**
   * Queues a batch. Resolves when it is delivered, or, during an outage or past the
   * memory bound, once it is in the spool file. Never rejects for an outage; rejects with
   * the server's error when the server refuses the batch while the caller still waits
   * (a batch refused later is split and its bad items dropped).
   */
  enqueue(batch: RecorderBatch): Promise<void> {
    const seq = ++this.#enqueued;
    for (const run of batch.taskRuns) this.#lastSeqByFlowRun.set(run.flowRunId, seq);
    for (const log of batch.logs) this.#lastSeqByFlowRun.set(log.flowRunId, seq);
    const body = JSON.stringify({
      batchId: batch.batchId ?? uuid7(),
      taskRuns: batch.taskRuns,
      taskRunStates: batch.taskRunStates,
      logs: batch.logs,
      newStates: batch.newStates,
    });
    const items = batchItems(batch);
    if (this.#folder !== undefined && (this.#spoolActive || this.#memoryItems + items > this.#maxItems)) {
      if (!this.#spoolActive && !this.#warnedSpill) {
        this.#warnedSpill = true;
        this.#warn(
          `more than ${this.#maxItems} recorded items wait for the server: later batches are spooled to disk`,
        );
      }
      this.#spoolActive = true;
      return this.#file(async () => {
        const spool = await this.#openSpool();
        await spool.append([body]);
        this.#wakeUp();
      });
    }
    return new Promise<void>((resolve, reject) => {
      this.#memory.push({ body, items, spooled: false, settle: resolve, refuse: reject });
      this.#memoryItems += items;
      if (this.#outage) this.#spillMemory().then(resolve, resolve);
      this.#wakeUp();
    });
  }

  /**
   * Waits until the batches enqueued so far that hold items of `flowRunId` (all of them
   * when omitted) are delivered, for at most `timeoutMs`. Resolves true when they are.
   */
  drain(flowRunId: string | undefined, timeoutMs: number): Promise<boolean> {
    const target = flowRunId === undefined ? this.#enqueued : (this.#lastSeqByFlowRun.get(flowRunId) ?? 0);
    if (this.#delivered >= target) {
      if (flowRunId !== undefined) this.#lastSeqByFlowRun.delete(flowRunId);
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const waiter = {
        target,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  /**
   * Stops delivering after waiting up to `timeoutMs` for everything to be delivered.
   * What is left is written to a spool file that the next Ordo process delivers.
   * Resolves true when nothing was left.
   */
  async close(timeoutMs: number): Promise<boolean> {
    const drained = await this.drain(undefined, timeoutMs);
    this.#stopped = true;
    this.#wakeUp();
    this.#interrupt?.();
    await this.#loop;
    await this.#file(async () => {
      if (drained && this.#memory.length === 0 && (this.#spool?.drained ?? true)) {
        await this.#spool?.remove();
      } else {
        await this.#persistPending();
      }
      this.#spool = undefined;
    });
    for (const entry of this.#memory) entry.settle?.();
    for (const waiter of this.#waiters) waiter.resolve();
    return drained;
  }

  /** The delivery loop. */
  async #run(): Promise<void> {
    while (!this.#stopped) {
      const head = this.#memory[0];
      if (head === undefined) {
        if (this.#spoolActive && (await this.#loadFromSpool())) continue;
        if (this.#memory.length > 0 || this.#stopped) continue;
        if (this.#kicked) {
          this.#kicked = false;
          continue;
        }
        await new Promise<void>((resolve) => (this.#wake = resolve));
        continue;
      }
      if (await this.#deliver(head)) {
        this.#memory.shift();
        this.#memoryItems -= head.spooled ? 0 : head.items;
        this.#delivered++;
        this.#failures = 0;
        head.settle?.();
        head.settle = undefined;
        this.#resolveWaiters();
        continue;
      }
      this.#failures++;
      if (!this.#outage) {
        this.#outage = true;
        this.#warn(
          `the Ordo server at ${this.#transport.apiUrl} does not answer: recorded task runs and logs are kept` +
            (this.#folder === undefined ? " in memory" : " in a spool file") +
            " and delivered when it is back",
        );
        await this.#spillMemory();
      }
      await this.#sleep(
        Math.min(this.#maxBackoffMs, backoffDelayMs(this.#failures, this.#transport.policy, Math.random())),
      );
    }
  }

  /** One delivery attempt. False when the server did not answer (try again later). */
  async #deliver(entry: Entry): Promise<boolean> {
    try {
      const outcome = await this.#transport.attempt({
        method: "POST",
        path: BATCH_PATH,
        json: entry.body,
        answer: "none",
      });
      if (!outcome.ok) return false;
      if (this.#outage && !this.#spoolActive) this.#recovered();
      return true;
    } catch (refused) {
      if (entry.settle !== undefined && entry.refuse !== undefined) {
        // The caller still waits: it gets the refusal (the run recorder splits the batch).
        entry.refuse(refused);
        entry.settle = undefined;
        return true;
      }
      try {
        await deliverRefusedBatch(this.#transport, entry.body, refused as OrdoError, this.#onDropped);
        return true;
      } catch {
        return false;
      }
    }
  }

  #recovered(): void {
    this.#outage = false;
    this.#warn(`the Ordo server at ${this.#transport.apiUrl} answers again: the kept batches are delivered`);
  }

  /** Moves the batches held in memory to the spool file (outage mode). */
  #spillMemory(): Promise<void> {
    if (this.#folder === undefined) {
      this.#settleMemory();
      return Promise.resolve();
    }
    const wasActive = this.#spoolActive;
    this.#spoolActive = true;
    return this.#file(async () => {
      const moving = this.#memory.filter((entry) => !entry.spooled);
      if (moving.length === 0) return;
      if (wasActive && this.#spool !== undefined) {
        await this.#persistPending(); // memory first, then what the file still holds
      } else {
        const spool = await this.#openSpool();
        await spool.append(moving.map((entry) => entry.body));
      }
      this.#memory = this.#memory.filter((entry) => entry.spooled);
      this.#memoryItems = 0;
      for (const entry of moving) entry.settle?.();
    });
  }

  #settleMemory(): void {
    for (const entry of this.#memory) {
      entry.settle?.();
      entry.settle = undefined;
    }
  }

  /** Reads the next batches of the spool file into memory; false when it was empty (and is now deleted). */
  async #loadFromSpool(): Promise<boolean> {
    let loaded = false;
    await this.#file(async () => {
      const spool = this.#spool;
      if (spool === undefined) {
        this.#spoolActive = false;
        return;
      }
      const lines = await spool.read();
      for (const body of lines) this.#memory.push({ body, items: 0, spooled: true, settle: undefined });
      loaded = lines.length > 0;
      if (!loaded && spool.drained) {
        await spool.remove();
        this.#spool = undefined;
        this.#spoolActive = false;
        if (this.#outage) this.#recovered();
      }
    });
    return loaded;
  }

  /**
   * Writes every pending batch, in order (memory, then the unread rest of the spool
   * file), to a fresh spool file that replaces the current one.
   */
  async #persistPending(): Promise<void> {
    const folder = this.#folder;
    if (folder === undefined) return;
    const lines = this.#memory.map((entry) => entry.body);
    const old = this.#spool;
    if (old !== undefined) {
      for (let more = await old.read(); more.length > 0; more = await old.read()) lines.push(...more);
    }
    if (lines.length > 0) {
      await mkdir(folder, { recursive: true });
      const path = join(folder, spoolFileName());
      await writeFile(`${path}.tmp`, lines.join("\n") + "\n");
      await rename(`${path}.tmp`, path);
      this.#spool = await SpoolFile.open(path);
    } else {
      this.#spool = undefined;
    }
    await old?.remove();
  }

  async #openSpool(): Promise<SpoolFile> {
    if (this.#spool === undefined) {
      const folder = this.#folder!;
      await mkdir(folder, { recursive: true });
      this.#spool = await SpoolFile.open(join(folder, spoolFileName()));
    }
    return this.#spool;
  }

  #file(op: () => Promise<void>): Promise<void> {
    const next = this.#fileOps.then(op);
    this.#fileOps = next.catch((error: unknown) => this.#warn(`spool file: ${String(error)}`));
    return this.#fileOps;
  }

  #resolveWaiters(): void {
    if (this.#waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (this.#delivered >= waiter.target) waiter.resolve();
      else still.push(waiter);
    }
    this.#waiters = still;
  }

  #wakeUp(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    if (wake === undefined) this.#kicked = true;
    else wake();
  }

  /** Waits `ms`; the timer keeps the process alive only while memory holds batches not on disk. */
  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#interrupt = undefined;
        resolve();
      }, ms);
      if (this.#memory.every((entry) => entry.spooled)) timer.unref();
      this.#interrupt = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
