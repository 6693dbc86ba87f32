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
   * Runs `work` when a slot is free and frees the slot when it settles. Queued work is a
   * plain function until it starts: 10,000 queued task runs cost 10,000 closures, not
   * 10,000 suspended async functions.
   */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Waits for a free slot; the returned function frees it (call it exactly once). */
  acquire(): Promise<() => void> | (() => void);
}

interface Waiter {
  readonly start: () => void;
}

/**
 * A counting semaphore with a FIFO queue. Uncontended work starts synchronously, without
 * an extra promise.
 */
export class Semaphore {
  #free: number;
  #queue: Waiter[] = [];
  #head = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`a semaphore needs a size >= 1, got ${size}`);
    this.#free = size;
  }

  /** Slots free right now. */
  get free(): number {
    return this.#free;
  }

  /** Runs `work` in a slot (see {@link TaskRunner.run}). */
  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#free > 0) {
      this.#free--;
      return this.#started(work);
    }
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        start: () => {
          this.#started(work).then(resolve, reject);
        },
      });
    });
  }

  /** Takes a slot: synchronously when one is free, else when one frees up. */
  acquire(): Promise<() => void> | (() => void) {
    if (this.#free > 0) {
      this.#free--;
      return this.#releaser();
    }
    return new Promise((resolve) => {
      this.#queue.push({ start: () => resolve(this.#releaser()) });
    });
  }

  #started<T>(work: () => Promise<T>): Promise<T> {
    let promise: Promise<T>;
    try {
      promise = work();
    } catch (error) {
      promise = Promise.reject(error);
    }
    const release = this.#releaser();
    promise.then(release, release);
    return promise;
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
    if (this.#head < this.#queue.length) {
      const waiter = this.#queue[this.#head++]!;
      if (this.#head === this.#queue.length) {
        this.#queue = [];
        this.#head = 0;
      } else if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
        this.#queue = this.#queue.slice(this.#head);
        this.#head = 0;
      }
      waiter.start();
    } else {
      this.#free++;
    }
  }
}
