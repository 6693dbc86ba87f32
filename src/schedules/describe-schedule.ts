/**
 * A short, human-readable description of a schedule, for the CLI and the UI.
 *
 * @module
 */
import type { CronScheduleInput, IntervalScheduleInput, ScheduleSpecInput } from "../schemas/schedule.js";
import { intervalAnchor, isWholeDays } from "./interval-times.js";
import { toWallTime } from "./zoned-time.js";
import { wallClockRule } from "./rrule-times.js";

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const UNITS = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
] as const;

const NUMBER = /^\d{1,2}$/;

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** The days-of-week field as words ("Monday and Wednesday", "weekdays"), or undefined when unusual. */
function weekdays(field: string): string | undefined {
  if (field === "1-5" || field.toUpperCase() === "MON-FRI") return "weekdays";
  const days = field.split(",");
  if (!days.every((day) => /^[0-7]$/.test(day))) return undefined;
  return list(days.map((day) => DAY_NAMES[Number(day) % 7] ?? day));
}

/** Common cron patterns in words; `undefined` for the rest. */
function cronWords(expression: string): string | undefined {
  const fields = expression.trim().split(/\s+/);
  const [second, rest] = fields.length === 6 ? [fields[0], fields.slice(1)] : ["0", fields];
  if (second !== "0" || rest.length !== 5) return undefined;
  const [minute = "", hour = "", dom = "", month = "", dow = ""] = rest;
  if (month !== "*") return undefined;
  if (minute === "*" && hour === "*" && dom === "*" && dow === "*") return "every minute";
  const step = /^\*\/(\d+)$/.exec(minute);
  if (step !== null && hour === "*" && dom === "*" && dow === "*")
    return `every ${plural(Number(step[1]), "minute")}`;
  if (!NUMBER.test(minute)) return undefined;
  if (hour === "*" && dom === "*" && dow === "*") return `at minute ${Number(minute)} of every hour`;
  if (!NUMBER.test(hour)) return undefined;
  const at = `at ${hour.padStart(2, "0")}:${minute.padStart(2, "0")}`;
  if (dom === "*" && dow === "*") return `${at} every day`;
  if (dom === "*") {
    const days = weekdays(dow);
    return days === undefined ? undefined : `${at} on ${days}`;
  }
  if (dow === "*" && NUMBER.test(dom)) return `${at} on day ${Number(dom)} of every month`;
  return undefined;
}

function describeCron(schedule: CronScheduleInput): string {
  const timeZone = schedule.timezone ?? "UTC";
  const words = cronWords(schedule.cron);
  return words === undefined ? `cron "${schedule.cron}" (${timeZone})` : `${words} (${timeZone})`;
}

/**
 * Where an anchored interval's grid sits, when the anchor moves it off the default grid:
 * ` at 09:30` (the anchor's wall-clock time) for whole days, else ` from <anchor, UTC>`.
 */
function intervalPhase(schedule: IntervalScheduleInput): string {
  if (schedule.anchorDate === undefined) return "";
  const anchor = intervalAnchor(schedule);
  if (isWholeDays(schedule)) {
    const wall = new Date(toWallTime(anchor, schedule.timezone ?? "UTC")).toISOString().slice(11, 19);
    if (wall === "00:00:00") return "";
    return ` at ${wall.endsWith(":00") ? wall.slice(0, 5) : wall}`;
  }
  const stepMs = Math.max(1, Math.round(schedule.interval * 1000));
  const offset = anchor - intervalAnchor({ ...schedule, anchorDate: undefined });
  if (((offset % stepMs) + stepMs) % stepMs === 0) return "";
  return ` from ${new Date(anchor).toISOString().replace(".000Z", "Z")}`;
}

function describeInterval(schedule: IntervalScheduleInput): string {
  const seconds = schedule.interval;
  const unit = UNITS.find(([, size]) => seconds % size === 0 && seconds >= size);
  const every = unit === undefined ? plural(seconds, "second") : plural(seconds / unit[1], unit[0]);
  const zone = schedule.timezone !== undefined && isWholeDays(schedule) ? ` (${schedule.timezone})` : "";
  return `every ${every}${intervalPhase(schedule)}${zone}`;
}

/**
 * A short description: cron → "at 03:00 every day (Europe/Berlin)" for common patterns,
 * otherwise `cron "…" (tz)`; interval → "every 1 hour", "every 90 seconds" (with the time
 * zone for whole days, whose wall-clock time it keeps; an anchor off the default grid
 * adds "at 09:30" for whole days, else "from 2026-01-01T00:15:00Z"); rrule → the rule's own text
 * and its time zone ("every week on Monday, Wednesday (UTC)").
 *
 * @example
 * ```ts
 * describeSchedule({ cron: "0 3 * * *", timezone: "Europe/Berlin" }); // "at 03:00 every day (Europe/Berlin)"
 * describeSchedule({ interval: 90 }); // "every 90 seconds"
 * ```
 */
export function describeSchedule(schedule: ScheduleSpecInput): string {
  if ("cron" in schedule) return describeCron(schedule);
  if ("interval" in schedule) return describeInterval(schedule);
  const { rule, timeZone } = wallClockRule(schedule);
  return `${rule.toText()} (${timeZone})`;
}
