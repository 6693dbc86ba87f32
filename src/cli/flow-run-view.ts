/**
 * How flow runs, their state histories and their logs look in the terminal.
 *
 * @module
 */
import type { FlowRun, LogRecord } from "../schemas/index.js";
import { LogLevel } from "../schemas/log.js";
import type { StateData } from "../states/state-data.js";
import { formatDuration, runDuration } from "./output/duration.js";
import { formatRelativeTime, formatTimestamp } from "./output/relative-time.js";
import { formatFields, formatTable } from "./output/table.js";

/**
 * The `ordo flow-run ls` table: ID, FLOW, NAME, STATE, START, DURATION.
 *
 * @example
 * ```ts
 * io.out(flowRunTable(runs, Date.now()));
 * ```
 */
export function flowRunTable(runs: readonly FlowRun[], now: number): string {
  return formatTable(
    [
      { header: "ID" },
      { header: "FLOW", maxWidth: 40 },
      { header: "NAME", maxWidth: 40 },
      { header: "STATE" },
      { header: "START" },
      { header: "DURATION", align: "right" },
    ],
    runs.map((run) => [
      run.id,
      run.flowName,
      run.name,
      run.state.name,
      formatRelativeTime(run.startTime ?? run.expectedStartTime, now),
      runDuration(run, now),
    ]),
  );
}

/** A time as `ISO (relative)`. */
function when(time: number | undefined, now: number): string | undefined {
  return time === undefined ? undefined : `${formatTimestamp(time)} (${formatRelativeTime(time, now)})`;
}

const SHOWN_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "name",
  "flowName",
  "flowId",
  "state",
  "parameters",
  "tags",
  "runCount",
  "retries",
  "parentFlowRunId",
  "parentTaskRunId",
  "dynamicKey",
  "expectedStartTime",
  "startTime",
  "endTime",
  "totalRunTimeMs",
  "host",
  "pid",
  "heartbeatAt",
  "entrypoint",
  "flowVersion",
  "result",
  "createdAt",
  "updatedAt",
  "pause",
  "resumeInputs",
  "suspensions",
  "deploymentId",
  "scheduleId",
  "workQueueId",
  "workerName",
  "jobVariables",
]);

/** Names of what a deployment run's ids point at, when they could be read. */
export interface FlowRunOrigin {
  /** `flow/deployment`. */
  readonly deployment?: string | undefined;
  /** The schedule's description (`at 03:00 every day (Europe/Berlin)`). */
  readonly schedule?: string | undefined;
  /** `pool/queue`. */
  readonly workQueue?: string | undefined;
}

/** `name (id)`, or the id alone when the name is unknown. */
function named(id: string | undefined, name: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  return name === undefined ? id : `${name} (${id})`;
}

/**
 * The `ordo flow-run inspect` view: every field of the run, then its state history. A
 * deployment run's deployment, schedule and work queue are shown by name when `origin`
 * has them, by id otherwise.
 *
 * @example
 * ```ts
 * io.out(flowRunDetails(run, await client.readFlowRunStates(run.id), Date.now()));
 * ```
 */
export function flowRunDetails(
  run: FlowRun,
  history: readonly StateData[],
  now: number,
  origin: FlowRunOrigin = {},
): string {
  const extra = Object.entries(run)
    .filter(([key, value]) => !SHOWN_FIELDS.has(key) && value !== undefined)
    .map(([key, value]): [string, string] => [key, JSON.stringify(value)]);
  const fields = formatFields([
    ["id", run.id],
    ["name", run.name],
    ["flow", `${run.flowName} (${run.flowId})`],
    ["state", `${run.state.name} (${run.state.type}) since ${when(run.state.timestamp, now)}`],
    ["message", run.state.message],
    [
      "error",
      run.state.error === undefined ? undefined : `${run.state.error.name}: ${run.state.error.message}`,
    ],
    ["parameters", JSON.stringify(run.parameters)],
    ["tags", run.tags.length === 0 ? undefined : run.tags.join(", ")],
    ["run count", String(run.runCount)],
    ["retries", String(run.retries)],
    ["parent flow run", run.parentFlowRunId],
    ["parent task run", run.parentTaskRunId],
    ["dynamic key", run.dynamicKey],
    ["expected start", when(run.expectedStartTime, now)],
    ["start", when(run.startTime, now)],
    ["end", when(run.endTime, now)],
    ["duration", run.startTime === undefined ? undefined : runDuration(run, now)],
    ["total run time", formatDuration(run.totalRunTimeMs)],
    ["host", run.host],
    ["pid", run.pid === undefined ? undefined : String(run.pid)],
    ["heartbeat", when(run.heartbeatAt, now)],
    ["entrypoint", run.entrypoint],
    ["flow version", run.flowVersion],
    ["result", run.result === undefined ? undefined : `${run.result.kind} (${run.result.serializer})`],
    ["pause key", run.pause?.key],
    ["pause timeout", when(run.pause?.timeoutAt, now)],
    [
      "pause input schema",
      run.pause?.inputSchema === undefined ? undefined : JSON.stringify(run.pause.inputSchema),
    ],
    ["resume inputs", run.resumeInputs === undefined ? undefined : JSON.stringify(run.resumeInputs)],
    ["suspensions", run.suspensions === undefined ? undefined : String(run.suspensions)],
    ["deployment", named(run.deploymentId, origin.deployment)],
    ["schedule", named(run.scheduleId, origin.schedule)],
    ["work queue", named(run.workQueueId, origin.workQueue)],
    ["worker", run.workerName],
    ["job variables", run.jobVariables === undefined ? undefined : JSON.stringify(run.jobVariables)],
    ["created", when(run.createdAt, now)],
    ["updated", when(run.updatedAt, now)],
    ...extra,
  ]);
  return `${fields}\nState history:\n${stateHistoryTable(history)}`;
}

/**
 * A state history as a table: TIME, TYPE, NAME, MESSAGE (oldest first).
 *
 * @example
 * ```ts
 * io.out(stateHistoryTable(await client.readFlowRunStates(id)));
 * ```
 */
export function stateHistoryTable(history: readonly StateData[]): string {
  return formatTable(
    [{ header: "TIME" }, { header: "TYPE" }, { header: "NAME" }, { header: "MESSAGE", maxWidth: 100 }],
    history.map((s) => [formatTimestamp(s.timestamp), s.type, s.name, s.message ?? ""]),
  );
}

const LEVEL_NAMES = new Map<number, string>(
  Object.entries(LogLevel).map(([name, level]) => [level, name.toUpperCase()]),
);

/**
 * A log level's name (`INFO`), or `LEVEL <n>` for a level between the named ones.
 *
 * @example
 * ```ts
 * levelName(20); // "INFO"
 * ```
 */
export function levelName(level: number): string {
  return LEVEL_NAMES.get(level) ?? `LEVEL ${level}`;
}

/**
 * One log line: `time | LEVEL    | message`.
 *
 * @example
 * ```ts
 * io.out(logLine(record));
 * ```
 */
export function logLine(record: LogRecord): string {
  return `${formatTimestamp(record.timestamp)} | ${levelName(record.level).padEnd(8)} | ${record.message}\n`;
}
