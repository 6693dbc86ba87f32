/**
 * Times and durations for people: "3 min ago", "1h 02m", absolute times for tooltips.
 * Pure functions (the clock is a parameter), tested in ui/test.
 *
 * @module
 */

const UNITS: readonly [limitSeconds: number, divisorSeconds: number, unit: Intl.RelativeTimeFormatUnit][] = [
  [60, 1, "second"],
  [3600, 60, "minute"],
  [86_400, 3600, "hour"],
  [604_800, 86_400, "day"],
  [2_629_800, 604_800, "week"],
  [31_557_600, 2_629_800, "month"],
  [Number.POSITIVE_INFINITY, 31_557_600, "year"],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });

/**
 * `at` relative to `now` ("5 min. ago", "in 2 hr."); both in ms since the epoch. Within
 * ten seconds either way it says "just now": the page's clock ticks every few seconds, so
 * a time written a moment ago must not read as the future.
 */
export function formatRelative(at: number, now: number): string {
  const seconds = (at - now) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 10) return "just now";
  for (const [limit, divisor, unit] of UNITS) {
    if (abs < limit) return relative.format(Math.round(seconds / divisor), unit);
  }
  return relative.format(Math.round(seconds / 31_557_600), "year");
}

const absolute = new Intl.DateTimeFormat("en-GB", {
  year: "numeric",
  month: "short",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "short",
});

/** An absolute, unambiguous time: "24 Nov 2026, 03:04:05 UTC". */
export function formatAbsolute(at: number): string {
  return absolute.format(new Date(at));
}

/** A duration for people: "850 ms", "4.2 s", "3m 05s", "2h 04m", "3d 4h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const total = Math.round(s);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  return `${m}m ${String(sec).padStart(2, "0")}s`;
}

/** A count for people, capped counts with a plus: "10,000+". */
export function formatCount(count: number, capped = false): string {
  return `${count.toLocaleString("en-US")}${capped ? "+" : ""}`;
}
