/**
 * What one call for a schedule's next times costs (the scheduler makes one or two per
 * schedule per pass, on the server's event loop): rrule schedules that started in 2020,
 * through `scheduledTimes` (restarted at the last whole period before now), against the
 * same rule walked from its DTSTART occurrence by occurrence (how every call worked
 * before), measured in the same run. Cron and interval schedules are listed for scale.
 *
 * Run: `npm run bench:schedules [-- --reps 5 --walk-limit-ms 20000]`. A walk from DTSTART
 * is cut off after `--walk-limit-ms` (it is reported as "> N ms").
 *
 * @module
 */
import { parseArgs } from "node:util";
import { scheduledTimes } from "../../src/schedules/index.js";
import { wallClockRule } from "../../src/schedules/rrule-times.js";
import { fromWallTime } from "../../src/schedules/zoned-time.js";
import type { ScheduleSpecInput } from "../../src/schemas/schedule.js";
import { loadAverage, machineLine } from "../shared/machine.js";
import { fmt, median } from "../shared/stats.js";
import { renderTable } from "../shared/table.js";

const { values } = parseArgs({
  options: {
    reps: { type: "string", default: "5" },
    "walk-limit-ms": { type: "string", default: "20000" },
  },
});
const REPS = Number(values.reps);
const WALK_LIMIT_MS = Number(values["walk-limit-ms"]);
/** Next times asked for per call: the scheduler keeps up to 100 runs ahead. */
const MAX = 100;

/**
 * The rule's next `MAX` times after `after`, walking every occurrence from its DTSTART;
 * undefined when that takes longer than `WALK_LIMIT_MS`.
 */
function walkFromStart(rrule: string, timezone: string, after: number): number[] | undefined {
  const { rule, timeZone } = wallClockRule({ rrule, timezone });
  const deadline = performance.now() + WALK_LIMIT_MS;
  const times: number[] = [];
  let cut = false;
  let n = 0;
  rule.all((date) => {
    if (++n % 10_000 === 0 && performance.now() > deadline) {
      cut = true;
      return false;
    }
    const time = fromWallTime(date.getTime(), timeZone);
    if (time > (times.at(-1) ?? after)) times.push(time);
    return times.length < MAX;
  });
  return cut ? undefined : times;
}

/** Median ms of `REPS` calls of `work` (after one warm-up call). */
function medianMs(work: () => unknown): number {
  work();
  const samples: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const TIMEZONE = "Europe/Berlin";
const RRULES = [
  "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9",
  "FREQ=DAILY",
  "FREQ=HOURLY",
  "FREQ=MINUTELY;INTERVAL=15",
  "FREQ=MINUTELY",
  "FREQ=SECONDLY;INTERVAL=30",
];
const OTHERS: [string, ScheduleSpecInput][] = [
  ["cron 0 3 * * *", { cron: "0 3 * * *", timezone: TIMEZONE }],
  ["cron */15 * * * *", { cron: "*/15 * * * *", timezone: TIMEZONE }],
  ["interval 60 s", { interval: 60, timezone: TIMEZONE }],
];

console.log(machineLine());
console.log(`load average at start: ${loadAverage()}`);
console.log(
  `\nNext ${MAX} times of rrule schedules started 2020-01-01 (no DTSTART), ${TIMEZONE}, median of ${REPS}`,
);
const now = Date.now();
const rows: string[][] = [];
for (const rrule of RRULES) {
  const fast = medianMs(() => scheduledTimes({ rrule, timezone: TIMEZONE }, { after: now, max: MAX }));
  const start = performance.now();
  const walked = walkFromStart(rrule, TIMEZONE, now);
  const walkMs = performance.now() - start;
  const same =
    walked === undefined
      ? "-"
      : JSON.stringify(walked) ===
          JSON.stringify(scheduledTimes({ rrule, timezone: TIMEZONE }, { after: now, max: MAX }))
        ? "yes"
        : "NO";
  rows.push([
    rrule,
    fmt(fast),
    walked === undefined ? `> ${WALK_LIMIT_MS} ms` : fmt(walkMs),
    walked === undefined ? "-" : `${fmt(walkMs / fast)}×`,
    same,
  ]);
}
console.log(
  renderTable(["rule", "scheduledTimes ms", "walk from DTSTART ms (once)", "ratio", "same times"], rows),
);
console.log(`\nNext ${MAX} times of cron and interval schedules, median of ${REPS}`);
console.log(
  renderTable(
    ["schedule", "ms"],
    OTHERS.map(([name, spec]) => [name, fmt(medianMs(() => scheduledTimes(spec, { after: now, max: MAX })))]),
  ),
);
console.log(`\nload average at end: ${loadAverage()}`);
