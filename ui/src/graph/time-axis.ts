/**
 * The timeline's time axis: a "nice" tick step for the zoom (1-2-5 steps below a second,
 * then 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1, 2, 3, 6, 12 h, days), the ticks in
 * a visible range, and their labels as offsets from the run's start ("+1.5 s"). Pure.
 *
 * @module
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The tick steps, in ms, smallest first. */
export const TICK_STEPS: readonly number[] = [
  1,
  2,
  5,
  10,
  20,
  50,
  100,
  200,
  500,
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
];

/** The smallest step whose ticks are at least `minSpacingPx` apart at `pxPerMs`. */
export function tickStep(pxPerMs: number, minSpacingPx = 90): number {
  for (const step of TICK_STEPS) if (step * pxPerMs >= minSpacingPx) return step;
  return TICK_STEPS[TICK_STEPS.length - 1]!;
}

/** The multiples of `step` in [fromMs, toMs] (offsets from the run's start). */
export function ticksBetween(fromMs: number, toMs: number, step: number): number[] {
  const ticks: number[] = [];
  for (let t = Math.ceil(fromMs / step) * step; t <= toMs; t += step) ticks.push(t === 0 ? 0 : t);
  return ticks;
}

function decimals(step: number, unit: number): number {
  const places = Math.ceil(-Math.log10(step / unit) - 1e-9);
  return Math.max(0, Math.min(3, places));
}

/** An offset from the run's start as a tick label, as precise as the step: "0", "+250 ms", "+1.5 s", "+2m 30s", "+1h 05m", "+2d 3h". */
export function formatOffset(ms: number, step: number): string {
  if (ms === 0) return "0";
  const sign = ms < 0 ? "−" : "+";
  const abs = Math.abs(ms);
  if (abs < SECOND && step < SECOND) return `${sign}${Math.round(abs)} ms`;
  if (abs < MINUTE) return `${sign}${(abs / SECOND).toFixed(decimals(step, SECOND))} s`;
  if (abs < HOUR) {
    const m = Math.floor(abs / MINUTE);
    const s = Math.round((abs % MINUTE) / SECOND);
    return step < MINUTE ? `${sign}${m}m ${String(s).padStart(2, "0")}s` : `${sign}${m}m`;
  }
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const m = Math.round((abs % HOUR) / MINUTE);
    return `${sign}${h}h ${String(m).padStart(2, "0")}m`;
  }
  const d = Math.floor(abs / DAY);
  const h = Math.round((abs % DAY) / HOUR);
  return `${sign}${d}d ${h}h`;
}
