/**
 * What `ordo deploy FILE.ts:FLOW --name N …` says with its flags, checked and turned into
 * the options of a deployment; each bad flag is an `ORDO_INVALID_INPUT` naming it.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import type { ScheduleSpecInput } from "../schemas/index.js";
import type { DeploymentOptions } from "../sdk/deployments.js";
import { parseDurationSeconds, parseOptionalCount } from "./parse-count.js";
import { parseParams } from "./parse-params.js";

/** The flags of `ordo deploy`, as commander gives them. */
export interface DeployCliOptions {
  readonly name?: string | undefined;
  readonly pool?: string | undefined;
  readonly workQueue?: string | undefined;
  readonly cron?: string | undefined;
  readonly interval?: string | undefined;
  readonly anchorDate?: string | undefined;
  readonly rrule?: string | undefined;
  readonly timezone?: string | undefined;
  readonly param: string[];
  readonly paramsJson?: string | undefined;
  readonly tag: string[];
  readonly description?: string | undefined;
  readonly version?: string | undefined;
  readonly concurrencyLimit?: string | undefined;
  readonly collisionStrategy?: string | undefined;
  readonly stalePolicy?: string | undefined;
  readonly staleAfter?: string | undefined;
  readonly paused?: boolean | undefined;
  readonly jobVariable: string[];
  readonly all?: boolean | undefined;
  readonly file: string;
  readonly json?: boolean | undefined;
  readonly source?: string | undefined;
  readonly gitUrl?: string | undefined;
  readonly gitRef?: string | undefined;
}

function invalid(option: string, message: string): OrdoError {
  return new OrdoError("ORDO_INVALID_INPUT", message, { option });
}

/** The schedule flags of `ordo deploy` and `ordo deployment schedule create`. */
export type ScheduleFlags = Pick<DeployCliOptions, "cron" | "interval" | "anchorDate" | "rrule" | "timezone">;

/** `--interval` in seconds, with its `--anchor-date` (ms or an ISO 8601 time). */
function intervalOf(options: ScheduleFlags): Pick<DeploymentOptions, "interval" | "anchorDate"> {
  const interval = options.interval === undefined ? undefined : Number(options.interval);
  if (interval !== undefined && !(interval > 0)) {
    throw invalid("--interval", `--interval must be a positive number of seconds, got "${options.interval}"`);
  }
  const anchor = options.anchorDate;
  if (anchor === undefined) return { interval };
  if (interval === undefined) throw invalid("--anchor-date", "--anchor-date goes with --interval");
  return { interval, anchorDate: /^\d+$/.test(anchor) ? Number(anchor) : anchor };
}

/** `--stale-policy` and `--stale-after`; `--stale-after` alone means EXPIRE. */
function staleOf(options: DeployCliOptions): Pick<DeploymentOptions, "stalePolicy" | "staleAfterSeconds"> {
  const policy =
    options.stalePolicy?.toUpperCase() ?? (options.staleAfter === undefined ? undefined : "EXPIRE");
  if (policy !== undefined && policy !== "RUN_ANYWAY" && policy !== "SKIP_IF_NEWER" && policy !== "EXPIRE") {
    throw invalid(
      "--stale-policy",
      `--stale-policy must be RUN_ANYWAY, SKIP_IF_NEWER or EXPIRE, got "${options.stalePolicy ?? ""}"`,
    );
  }
  const after =
    options.staleAfter === undefined ? undefined : parseDurationSeconds(options.staleAfter, "--stale-after");
  if (after !== undefined && !(Number.isInteger(after) && after >= 1)) {
    throw invalid(
      "--stale-after",
      `--stale-after must be a whole number of seconds ≥ 1, got "${options.staleAfter ?? ""}"`,
    );
  }
  if (policy === "EXPIRE" && after === undefined) {
    throw invalid(
      "--stale-after",
      "--stale-policy EXPIRE needs --stale-after (e.g. 10m): how late a run may start",
    );
  }
  return { stalePolicy: policy, staleAfterSeconds: after };
}

/**
 * The deployment `name` of `ordo deploy` with these flags: schedules, parameters, tags,
 * limits and stale policy.
 *
 * @example
 * ```ts
 * deploymentOptionsFromFlags("hourly", { interval: "3600", param: ["table=users"], tag: [], jobVariable: [], file: "ordo.yaml" });
 * // { name: "hourly", interval: 3600, parameters: { table: "users" }, … }
 * ```
 */
export function deploymentOptionsFromFlags(name: string, options: DeployCliOptions): DeploymentOptions {
  const strategy = options.collisionStrategy?.toUpperCase();
  if (strategy !== undefined && strategy !== "ENQUEUE" && strategy !== "CANCEL_NEW") {
    throw invalid("--collision-strategy", "--collision-strategy must be ENQUEUE or CANCEL_NEW");
  }
  return {
    name,
    cron: options.cron,
    ...intervalOf(options),
    rrule: options.rrule,
    timezone: options.timezone,
    parameters: parseParams(options.param, options.paramsJson),
    tags: options.tag.length === 0 ? undefined : options.tag,
    description: options.description,
    version: options.version,
    concurrencyLimit: parseOptionalCount(options.concurrencyLimit, "--concurrency-limit"),
    collisionStrategy: strategy,
    ...staleOf(options),
    paused: options.paused,
  };
}

/**
 * The one schedule that `--cron`, `--interval` (with `--anchor-date`) or `--rrule`, with
 * `--timezone`, describe; `ORDO_INVALID_INPUT` unless exactly one of the three is given.
 * The server checks the rest (cron syntax, the time zone, the rule).
 *
 * @example
 * ```ts
 * scheduleFromFlags({ cron: "0 6 * * 1-5", timezone: "Europe/Berlin" });
 * // { cron: "0 6 * * 1-5", timezone: "Europe/Berlin" }
 * ```
 */
export function scheduleFromFlags(options: ScheduleFlags): ScheduleSpecInput {
  const { interval, anchorDate } = intervalOf(options);
  const timezone = options.timezone === undefined ? {} : { timezone: options.timezone };
  const given: [string, ScheduleSpecInput][] = [];
  if (options.cron !== undefined) given.push(["--cron", { cron: options.cron, ...timezone }]);
  if (interval !== undefined) {
    const anchor = anchorDate === undefined ? {} : { anchorDate };
    given.push(["--interval", { interval, ...anchor, ...timezone }]);
  }
  if (options.rrule !== undefined) given.push(["--rrule", { rrule: options.rrule, ...timezone }]);
  const [first] = given;
  if (first === undefined || given.length > 1) {
    const also = given.length > 1 ? `, not ${given.map(([flag]) => flag).join(" and ")}` : "";
    throw invalid("--cron", `give one of --cron, --interval or --rrule${also}`);
  }
  return first[1];
}
