/**
 * Humanised durations.
 *
 * @module
 */

/**
 * Formats a duration in ms for people: `850ms`, `12.3s`, `5m 03s`, `2h 05m`, `3d 4h`.
 *
 * @example
 * ```ts
 * formatDuration(1234);    // "1.2s"
 * formatDuration(303_000); // "5m 03s"
 * ```
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "-";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.floor(ms / 1000);
  const pad = (n: number): string => String(n).padStart(2, "0");
  if (totalSeconds < 3600) return `${Math.floor(totalSeconds / 60)}m ${pad(totalSeconds % 60)}s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 24 * 60) return `${Math.floor(totalMinutes / 60)}h ${pad(totalMinutes % 60)}m`;
  const totalHours = Math.floor(totalMinutes / 60);
  return `${Math.floor(totalHours / 24)}d ${totalHours % 24}h`;
}

/**
 * The duration of a run for a table: end − start when it ended, now − start while it
 * runs, `-` before it started.
 *
 * @example
 * ```ts
 * runDuration({ startTime: 1000, endTime: 2500 }, Date.now()); // "1.5s"
 * ```
 */
export function runDuration(
  run: { startTime?: number | undefined; endTime?: number | undefined },
  now: number,
): string {
  if (run.startTime === undefined) return "-";
  return formatDuration((run.endTime ?? now) - run.startTime);
}
