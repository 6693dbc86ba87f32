/**
 * Peak resident set size, sampled every 10 ms from a worker thread.
 *
 * The sampling runs off the main thread on purpose: Ordo's engine can keep the main
 * thread's event loop busy for a whole flow run (no timer turn between tasks), and a
 * main-thread `setInterval` would then not fire at all. RSS is per process, so the worker
 * sees the memory of the whole process; the worker itself adds a few MB to it.
 *
 * @module
 */
import { Worker } from "node:worker_threads";

/** The worker: every `intervalMs`, raise the shared peak (in KiB) to the current RSS. */
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const peak = new Int32Array(workerData.buffer);
const sample = () => {
  const kib = Math.ceil(process.memoryUsage.rss() / 1024);
  for (;;) {
    const current = Atomics.load(peak, 0);
    if (kib <= current || Atomics.compareExchange(peak, 0, current, kib) === current) break;
  }
};
sample();
setInterval(sample, workerData.intervalMs);
`;

/**
 * A process-wide RSS peak tracker.
 *
 * @example
 * ```ts
 * const monitor = RssMonitor.start();
 * monitor.reset();
 * await work();
 * console.log(monitor.peak() / 2 ** 20, "MB");
 * await monitor.close();
 * ```
 */
export class RssMonitor {
  readonly #peak: Int32Array;
  readonly #worker: Worker;

  private constructor(intervalMs: number) {
    const buffer = new SharedArrayBuffer(4);
    this.#peak = new Int32Array(buffer);
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { buffer, intervalMs },
    });
    this.#worker.unref();
  }

  /** Starts the sampling worker (10 ms interval by default). */
  static start(intervalMs = 10): RssMonitor {
    return new RssMonitor(intervalMs);
  }

  /** Starts a new peak from the current RSS. */
  reset(): void {
    Atomics.store(this.#peak, 0, Math.ceil(process.memoryUsage.rss() / 1024));
  }

  /** The highest RSS since the last reset (including a sample taken now), in bytes. */
  peak(): number {
    const now = process.memoryUsage.rss();
    return Math.max(now, Atomics.load(this.#peak, 0) * 1024);
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}

/** Runs a full garbage collection when the process was started with `--expose-gc`. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  gc();
  gc();
  return true;
}
