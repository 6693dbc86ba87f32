/**
 * How task runs look in the terminal.
 *
 * @module
 */
import type { TaskRun } from "../schemas/index.js";
import { runDuration } from "./output/duration.js";
import { formatRelativeTime, formatTimestamp } from "./output/relative-time.js";
import { formatFields, formatTable } from "./output/table.js";

/**
 * The `ordo task-run ls` table: ID, NAME, FLOW RUN, STATE, START, DURATION.
 *
 * @example
 * ```ts
 * io.out(taskRunTable(runs, Date.now()));
 * ```
 */
export function taskRunTable(runs: readonly TaskRun[], now: number): string {
  return formatTable(
    [
      { header: "ID" },
      { header: "NAME", maxWidth: 50 },
      { header: "FLOW RUN" },
      { header: "STATE" },
      { header: "START" },
      { header: "DURATION", align: "right" },
    ],
    runs.map((run) => [
      run.id,
      run.name,
      run.flowRunId,
      run.state.name,
      formatRelativeTime(run.startTime, now),
      runDuration(run, now),
    ]),
  );
}

function when(time: number | undefined, now: number): string | undefined {
  return time === undefined ? undefined : `${formatTimestamp(time)} (${formatRelativeTime(time, now)})`;
}

function links(ids: readonly string[]): string | undefined {
  return ids.length === 0 ? undefined : ids.join(", ");
}

/**
 * The `ordo task-run inspect` view: every field of the task run, then its state history.
 *
 * @example
 * ```ts
 * io.out(taskRunDetails(await client.readTaskRun(id), Date.now()));
 * ```
 */
export function taskRunDetails(run: TaskRun, now: number): string {
  const inputs = Object.entries(run.inputs)
    .filter(([, ids]) => ids.length > 0)
    .map(([arg, ids]) => `${arg} ← ${ids.join(", ")}`);
  const fields = formatFields([
    ["id", run.id],
    ["name", run.name],
    ["flow run", run.flowRunId],
    ["task key", run.taskKey],
    ["dynamic key", run.dynamicKey],
    ["state", `${run.state.name} (${run.state.type}) since ${when(run.state.timestamp, now)}`],
    ["message", run.state.message],
    [
      "error",
      run.state.error === undefined ? undefined : `${run.state.error.name}: ${run.state.error.message}`,
    ],
    ["tags", run.tags.length === 0 ? undefined : run.tags.join(", ")],
    ["run count", String(run.runCount)],
    ["start", when(run.startTime, now)],
    ["end", when(run.endTime, now)],
    ["duration", run.startTime === undefined ? undefined : runDuration(run, now)],
    ["inputs hash", run.inputsHash],
    ["cache key", run.cacheKey],
    ["cache expires", when(run.cacheExpiration, now)],
    ["result", run.result === undefined ? undefined : `${run.result.kind} (${run.result.serializer})`],
    ["inputs from", inputs.length === 0 ? undefined : inputs.join("; ")],
    ["waited for", links(run.waitFor)],
    ["parent task run", run.parentTaskRunId],
    ["created", when(run.createdAt, now)],
    ["updated", when(run.updatedAt, now)],
  ]);
  const history = formatTable(
    [{ header: "TIME" }, { header: "TYPE" }, { header: "NAME" }, { header: "MESSAGE", maxWidth: 100 }],
    run.stateHistory.map(([type, name, timestamp, message]) => [
      formatTimestamp(timestamp),
      type,
      name,
      message ?? "",
    ]),
  );
  return `${fields}\nState history:\n${history}`;
}
