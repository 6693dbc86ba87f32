/**
 * Small numeric helpers shared by the benchmarks: medians, timing, formatting.
 *
 * @module
 */

/** The median of `values` (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The `q` quantile (0–1) of `values`, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Milliseconds taken by one call of `work`. */
export async function timeMs(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * Runs `work` `warmups` times unmeasured, then `reps` times measured; returns the measured
 * durations in milliseconds.
 *
 * @example
 * ```ts
 * const ms = await repeat(() => run(1000), { warmups: 1, reps: 5 });
 * console.log(median(ms));
 * ```
 */
export async function repeat(
  work: () => unknown,
  options: { readonly warmups: number; readonly reps: number },
): Promise<number[]> {
  for (let i = 0; i < options.warmups; i++) await work();
  const durations: number[] = [];
  for (let i = 0; i < options.reps; i++) durations.push(await timeMs(work));
  return durations;
}

/** Wall-clock and CPU time of one call. */
export interface Timing {
  readonly ms: number;
  /** CPU time of all threads of the process (user + system), in ms. */
  readonly cpuMs: number;
}

/** Wall-clock and process CPU milliseconds taken by one call of `work`. */
export async function timeWithCpu(work: () => unknown): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

/** Microseconds per item, from a duration in milliseconds and an item count. */
export function usPer(ms: number, items: number): number {
  return (ms * 1000) / items;
}

/** A number with a sensible count of digits for a table cell. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** Bytes as mebibytes, e.g. `123.4 MB`. */
export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `1000` → `1k`, `100000` → `100k`. */
export function count(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}
