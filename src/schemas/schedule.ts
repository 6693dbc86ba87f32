/**
 * zod schemas of deployment schedules: when a deployment's flow runs are created.
 *
 * A schedule spec has exactly one kind: `cron` (a 5- or 6-field cron expression, read in
 * `timezone`), `interval` (every N seconds from an anchor) or `rrule` (an RFC 5545
 * recurrence rule). A deployment schedule adds `active`, `parameters` and `slug`.
 * Fire times are computed by `src/schedules` (`scheduledTimes`).
 *
 * The schemas are plain objects and unions (no `z.lazy`, no transforms) so the OpenAPI
 * generator can walk them; the checks that need a parser (cron, time zone, rrule) are
 * refinements on the field, so an API 422 names the field.
 *
 * @example
 * ```ts
 * DeploymentScheduleSchema.parse({ cron: "0 3 * * *", timezone: "Europe/Berlin" });
 * // → { cron: "0 3 * * *", timezone: "Europe/Berlin", dayOr: true, active: true, parameters: {} }
 * ```
 *
 * @module
 */
import { Cron } from "croner";
import rrulePkg from "rrule";
import { z } from "zod";
import { MAX_EPOCH_MS } from "./epoch-millis.js";
import { boundedJson } from "./json-depth.js";

const { RRule, RRuleSet, rrulestr } = rrulePkg;

/** The longest interval a schedule may have: 365 days, in seconds. */
export const MAX_INTERVAL_SECONDS = 365 * 24 * 60 * 60;

/** The anchor of interval schedules that give none: 2020-01-01T00:00:00 in the schedule's time zone. */
export const DEFAULT_ANCHOR_ISO = "2020-01-01T00:00:00";

/** The schedule kinds, one field each. */
export const SCHEDULE_KINDS = ["cron", "interval", "rrule"] as const;

/** True when `timeZone` is an IANA time zone name this runtime knows (`UTC`, `Europe/Berlin`, …). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Why `expression` is not a 5- or 6-field cron expression croner accepts, or one that
 * never fires (`0 0 31 2 *`: no February has a 31st); `undefined` when it is fine. Firing
 * is checked with day-of-month OR day-of-week (classic cron): an expression that never
 * fires so never fires with AND either.
 */
export function cronProblem(expression: string): string | undefined {
  let cron: Cron;
  try {
    cron = new Cron(expression, { mode: "5-or-6-parts", paused: true });
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^CronPattern: /, "") : String(error);
  }
  if (cron.nextRun(NEVER_FIRES_PROBE_START) === null)
    return "it never fires (no date matches its day and month, such as February 30)";
  return undefined;
}

/** Where {@link cronProblem} starts looking for a cron expression's first time. */
const NEVER_FIRES_PROBE_START = new Date(Date.UTC(2020, 0, 1));

/**
 * Flags a cron schedule with `dayOr: false` whose day of month and day of week never
 * fall on one date (`0 0 30 2 1`: no February 30, on a Monday or not). With `dayOr` (the
 * default) {@link cronProblem} has checked already.
 */
function refineCronDays(value: { cron: string; dayOr: boolean }, ctx: z.RefinementCtx): void {
  if (value.dayOr || cronProblem(value.cron) !== undefined) return;
  const cron = new Cron(value.cron, { mode: "5-or-6-parts", paused: true, legacyMode: false });
  if (cron.nextRun(NEVER_FIRES_PROBE_START) !== null) return;
  ctx.addIssue({
    code: "custom",
    path: ["cron"],
    message: `invalid cron expression "${value.cron}": it never fires with dayOr false (no date has both its day of month and its day of week)`,
  });
}

/** The largest `COUNT` of an rrule schedule. */
export const MAX_RRULE_COUNT = 50_000;

/**
 * Why `text` is not a recurrence rule Ordo evaluates; `undefined` when it is. Accepted: one
 * `RRULE` (with or without the `RRULE:` prefix) and an optional `DTSTART`, whose `TZID` must
 * be a known time zone, and a `COUNT` of at most {@link MAX_RRULE_COUNT} (a rule with a count
 * is expanded from its start). Rule sets (`RDATE`, `EXDATE`, several `RRULE` lines) are refused.
 */
export function rruleProblem(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = rrulestr(text);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  // An RRuleSet is an RRule too (a subclass).
  if (parsed instanceof RRuleSet || !(parsed instanceof RRule))
    return "use one RRULE and an optional DTSTART (no RDATE, EXDATE or sets)";
  const tzid = parsed.origOptions.tzid;
  if (typeof tzid === "string" && !isKnownTimeZone(tzid)) return `unknown time zone "${tzid}" in TZID`;
  const count = parsed.origOptions.count;
  if (typeof count === "number" && count > MAX_RRULE_COUNT)
    return `COUNT is at most ${MAX_RRULE_COUNT} (use UNTIL, or no end)`;
  return undefined;
}

/** An IANA time zone name, checked against the runtime's time zone database. */
export const TimeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .superRefine((value, ctx) => {
    if (!isKnownTimeZone(value)) {
      ctx.addIssue({ code: "custom", message: `unknown IANA time zone "${value}"` });
    }
  });

/** A cron expression: 5 fields (minute precision) or 6 (seconds first). */
export const CronExpressionSchema = z
  .string()
  .min(1)
  .max(200)
  .superRefine((value, ctx) => {
    const problem = cronProblem(value);
    if (problem !== undefined) {
      ctx.addIssue({ code: "custom", message: `invalid cron expression "${value}": ${problem}` });
    }
  });

/** An RFC 5545 recurrence rule, optionally with a `DTSTART` line. */
export const RRuleTextSchema = z
  .string()
  .min(1)
  .max(6000)
  .superRefine((value, ctx) => {
    const problem = rruleProblem(value);
    if (problem !== undefined)
      ctx.addIssue({ code: "custom", message: `invalid recurrence rule: ${problem}` });
  });

/**
 * The earliest and latest instants a schedule is computed at, in ms since the epoch: the
 * years 0000 to 9999 that ISO 8601 anchors can name. Interval times are stepped from the
 * anchor in whole ms, exactly only while the distance stays below 2^53 ms: a number anchor
 * or a backfill window far outside these years would make that stepping stand still (a
 * request that never ends), or leave the range a `Date` can hold.
 */
export const MIN_SCHEDULE_TIME_MS = -62_167_219_200_000; // 0000-01-01T00:00:00Z
/** See {@link MIN_SCHEDULE_TIME_MS}. */
export const MAX_SCHEDULE_TIME_MS = MAX_EPOCH_MS; // 9999-12-31T23:59:59.999Z

/** An interval anchor: ms since the epoch, or an ISO 8601 date-time (without an offset: in `timezone`). */
export const AnchorDateSchema = z.union([
  z.number().int().min(MIN_SCHEDULE_TIME_MS).max(MAX_SCHEDULE_TIME_MS),
  z.iso.datetime({
    offset: true,
    local: true,
    error: "expected ms since the epoch or an ISO 8601 date-time",
  }),
]);

const cronShape = {
  /** The cron expression, 5 fields or 6 (seconds first). */
  cron: CronExpressionSchema,
  /** The time zone the expression is read in. */
  timezone: TimeZoneSchema.default("UTC"),
  /** True (default): day-of-month OR day-of-week, as classic cron; false: both must match. */
  dayOr: z.boolean().default(true),
};

const intervalShape = {
  /** Seconds between runs (at least 1 ms, at most 365 days). */
  interval: z
    .number()
    .min(0.001, "must be more than 0 seconds (at least 0.001)")
    .max(MAX_INTERVAL_SECONDS, `at most ${MAX_INTERVAL_SECONDS} seconds (365 days)`),
  /** Where the grid of times is pinned; default 2020-01-01T00:00:00 in `timezone`. */
  anchorDate: AnchorDateSchema.optional(),
  /** The time zone of a whole-day interval's wall-clock time, and of an anchor without an offset. */
  timezone: TimeZoneSchema.optional(),
};

const rruleShape = {
  /** The recurrence rule. */
  rrule: RRuleTextSchema,
  /** The rule's time zone when its DTSTART has no TZID. */
  timezone: TimeZoneSchema.optional(),
};

const deploymentShape = {
  /** An inactive schedule creates no runs. */
  active: z.boolean().default(true),
  /** Parameters of the runs this schedule creates, over the deployment's defaults. */
  parameters: boundedJson(z.record(z.string(), z.unknown())).default({}),
  /** A name for the schedule, unique within its deployment. */
  slug: z.string().min(1).max(200).optional(),
};

/**
 * The message of a value that matches no schedule kind: none of `cron`, `interval`,
 * `rrule`, several of them, or another key than the kind's own.
 */
function kindMessage(input: unknown): string {
  const kinds =
    typeof input === "object" && input !== null ? SCHEDULE_KINDS.filter((kind) => kind in input) : [];
  if (kinds.length === 0) return "a schedule needs one of cron, interval or rrule";
  if (kinds.length > 1)
    return `a schedule has exactly one of cron, interval or rrule, not ${kinds.join(" and ")}`;
  return `not a valid ${kinds[0]} schedule (check the field names)`;
}

/** A cron schedule. */
export const CronScheduleSchema = z.strictObject(cronShape).superRefine(refineCronDays);
/** A cron schedule. */
export type CronSchedule = z.infer<typeof CronScheduleSchema>;
/** A cron schedule as written (`timezone` and `dayOr` optional). */
export type CronScheduleInput = z.input<typeof CronScheduleSchema>;

/** An interval schedule. */
export const IntervalScheduleSchema = z.strictObject(intervalShape);
/** An interval schedule. */
export type IntervalSchedule = z.infer<typeof IntervalScheduleSchema>;
/** An interval schedule as written. */
export type IntervalScheduleInput = z.input<typeof IntervalScheduleSchema>;

/** A recurrence-rule schedule. */
export const RRuleScheduleSchema = z.strictObject(rruleShape);
/** A recurrence-rule schedule. */
export type RRuleSchedule = z.infer<typeof RRuleScheduleSchema>;
/** A recurrence-rule schedule as written. */
export type RRuleScheduleInput = z.input<typeof RRuleScheduleSchema>;

/** The error of a value that matches no kind of a union of schedules. */
const kindError = {
  error: (issue: z.core.$ZodRawIssue) =>
    issue.code === "invalid_union" ? kindMessage(issue.input) : undefined,
};

/** When runs happen: exactly one of a cron, an interval or an rrule schedule. */
export const ScheduleSpecSchema = z.union(
  [CronScheduleSchema, IntervalScheduleSchema, RRuleScheduleSchema],
  kindError,
);
/** A schedule spec, after defaults. */
export type ScheduleSpec = z.infer<typeof ScheduleSpecSchema>;
/** A schedule spec as written (defaults not yet applied); a parsed {@link ScheduleSpec} is one too. */
export type ScheduleSpecInput = z.input<typeof ScheduleSpecSchema>;

/** A deployment's schedule: a spec plus whether it is active, its run parameters and a slug. */
export const DeploymentScheduleSchema = z.union(
  [
    z.strictObject({ ...cronShape, ...deploymentShape }).superRefine(refineCronDays),
    z.strictObject({ ...intervalShape, ...deploymentShape }),
    z.strictObject({ ...rruleShape, ...deploymentShape }),
  ],
  kindError,
);
/** A deployment schedule, after defaults. */
export type DeploymentSchedule = z.infer<typeof DeploymentScheduleSchema>;
/** A deployment schedule as written (defaults not yet applied). */
export type DeploymentScheduleInput = z.input<typeof DeploymentScheduleSchema>;

/** A client-made id of a schedule added on its own. */
const newScheduleShape = { ...deploymentShape, id: z.string().min(1).max(64).optional() };

/**
 * A schedule added to a deployment on its own (`POST /api/deployments/{id}/schedules`):
 * a {@link DeploymentScheduleSchema} with an optional client-made `id`, so that a request
 * sent again adds nothing the first one added.
 */
export const NewDeploymentScheduleSchema = z.union(
  [
    z.strictObject({ ...cronShape, ...newScheduleShape }).superRefine(refineCronDays),
    z.strictObject({ ...intervalShape, ...newScheduleShape }),
    z.strictObject({ ...rruleShape, ...newScheduleShape }),
  ],
  kindError,
);
/** A schedule added to a deployment on its own, after defaults. */
export type NewDeploymentSchedule = z.infer<typeof NewDeploymentScheduleSchema>;
