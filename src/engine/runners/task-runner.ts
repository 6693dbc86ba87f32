/**
 * Task runners: how many submitted task runs may execute at once.
 *
 * @module
 */

/** Decides when a task run may start. */
export interface TaskRunner {
  /** A short name for logs, e.g. `concurrent(64)`. */
  readonly name: string;
  /**
   * Starts `work` when a slot is free and frees the slot when the promise it returns
   * settles. Queued work is a plain function until it starts: 10,000 queued task runs
   * cost 10,000 closures, not 10,000 suspended async functions or pending promises.
   */
  schedule(work: () => Promise<unknown>): void;
  /** Waits for a free slot; the returned function frees it (call it exactly once). */
  acquire(): Promise<() => void> | (() => void);
}

/** Queued work yields to the event loop at least this often (ms), so timers still fire. */
const YIELD_EVERY_MS = 10;
let lastYield = performance.now();

/** A caller of {@link Semaphore.acquire} waiting for a slot. */
class Acquirer {
  constructor(readonly resolve: (release: () => void) => void) {}
}

/** Queued work (started when a slot frees), or a waiting acquirer. */
type Waiter = (() => Promise<unknown>) | Acquirer;

/**
 * A counting semaphore with a FIFO queue. Uncontended work starts synchronously, without
 * an extra promise.
 */
export class Semaphore {
  #free: number;
  #queue: Waiter[] = [];
  #head = 0;
  #yielding = false;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`a semaphore needs a size >= 1, got ${size}`);
    this.#free = size;
  }

  /** Slots free right now. */
  get free(): number {
    return this.#free;
  }

  /** Starts `work` in a slot (see {@link TaskRunner.schedule}). */
  schedule(work: () => Promise<unknown>): void {
    if (this.#free > 0 && this.#head >= this.#queue.length) {
      this.#free--;
      this.#started(work);
      return;
    }
    this.#queue.push(work);
  }

  /** Takes a slot: synchronously when one is free, else when one frees up. */
  acquire(): Promise<() => void> | (() => void) {
    if (this.#free > 0 && this.#head >= this.#queue.length) {
      this.#free--;
      return this.#releaser();
    }
    return new Promise((resolve) => {
      this.#queue.push(new Acquirer(resolve));
    });
  }

  #started(work: () => Promise<unknown>): void {
    const release = this.#releaser();
    let promise: Promise<unknown>;
    try {
      promise = work();
    } catch {
      release();
      return;
    }
    promise.then(release, release);
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#next();
    };
  }

  #next(): void {
    if (this.#yielding) {
      // Slots freed while yielding are handed out by the pending macrotask.
      this.#free++;
      return;
    }
    if (this.#head >= this.#queue.length) {
      this.#free++;
      return;
    }
    // Work released by work settles on microtasks; an endless chain of them would starve
    // timers (heartbeats, timeouts, the recorder). Now and then, stop starting work and
    // start the next batch from a macrotask instead.
    const now = performance.now();
    if (now - lastYield >= YIELD_EVERY_MS) {
      lastYield = now;
      this.#yielding = true;
      this.#free++;
      setImmediate(() => {
        this.#yielding = false;
        while (this.#free > 0 && this.#head < this.#queue.length) {
          this.#free--;
          this.#begin(this.#dequeue());
        }
      });
      return;
    }
    this.#begin(this.#dequeue());
  }

  #begin(waiter: Waiter): void {
    if (waiter instanceof Acquirer) waiter.resolve(this.#releaser());
    else this.#started(waiter);
  }

  #dequeue(): Waiter {
    const waiter = this.#queue[this.#head++]!;
    if (this.#head === this.#queue.length) {
      this.#queue = [];
      this.#head = 0;
    } else if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    return waiter;
  }
}
