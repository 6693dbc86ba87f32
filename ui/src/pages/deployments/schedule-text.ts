/**
 * Deployment schedules in words. The API describes each schedule
 * (`description`: "at 03:00 every day (Europe/Berlin)", "every 10 minutes"); this adds
 * the exact spec and whether the schedule is active. Pure.
 *
 * @module
 */
import type { DeploymentScheduleRecord } from "../../api/types.js";

/** The exact spec: `cron 0 3 * * * (Europe/Berlin)`, `every 600 s`, `rrule FREQ=WEEKLY;BYDAY=MO`. */
export function scheduleSpecText(record: DeploymentScheduleRecord): string {
  const spec = record.schedule;
  if ("cron" in spec) return `cron ${spec.cron} (${spec.timezone})`;
  if ("interval" in spec)
    return `every ${spec.interval} s${spec.timezone === undefined ? "" : ` (${spec.timezone})`}`;
  return `rrule ${spec.rrule.replace(/^RRULE:/, "")}`;
}

/** The schedule in words, with "(inactive)" when it makes no runs. */
export function scheduleWords(record: DeploymentScheduleRecord): string {
  const words = record.description === "" ? scheduleSpecText(record) : record.description;
  return record.active ? words : `${words} (inactive)`;
}

/** A deployment's schedules in one line for a table cell: "" when it has none. */
export function schedulesLine(records: readonly DeploymentScheduleRecord[]): string {
  return records.map(scheduleWords).join("; ");
}
