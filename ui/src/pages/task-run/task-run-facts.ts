/**
 * A task run's facts for people: which upstream task runs fed which argument, and its
 * full state history with the errors of its failures. Pure.
 *
 * @module
 */
import type { StateData, TaskRun } from "../../api/types.js";

/** One row of the inputs table: an argument (or "waited for") and its upstream runs. */
export interface InputRow {
  /** "argument 1", "argument 2 › rows", or "waited for". */
  readonly label: string;
  /** The argument path as recorded ("0", "1.rows"); absent for waited-for runs. */
  readonly path?: string | undefined;
  readonly taskRunIds: readonly string[];
}

/** "0" → "argument 1"; "1.rows.0" → "argument 2 › rows › 0". */
export function argumentLabel(path: string): string {
  const [first = "", ...rest] = path.split(".");
  const position = Number(first);
  const head = Number.isInteger(position) && first !== "" ? `argument ${position + 1}` : first;
  return [head, ...rest].join(" › ");
}

function comparePaths(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/** The inputs table of a task run: arguments in order, then the runs it waited for. */
export function inputRows(run: Pick<TaskRun, "inputs" | "waitFor">): InputRow[] {
  const rows: InputRow[] = Object.keys(run.inputs)
    .sort(comparePaths)
    .map((path) => ({ label: argumentLabel(path), path, taskRunIds: run.inputs[path] ?? [] }));
  if (run.waitFor.length > 0) rows.push({ label: "waited for", taskRunIds: run.waitFor });
  return rows;
}

/** Every upstream task run id of a task run, once. */
export function upstreamIds(run: Pick<TaskRun, "inputs" | "waitFor">): string[] {
  return [...new Set([...Object.values(run.inputs).flat(), ...run.waitFor])];
}

/**
 * The task run's states, oldest first: its compact history, with the message and error
 * of the detailed records (failures, retries) that match a state by time and name.
 */
export function taskStateHistory(
  compact: TaskRun["stateHistory"],
  detailed: readonly StateData[],
): StateData[] {
  return compact.map(([type, name, timestamp, message]) => {
    const record = detailed.find((d) => d.timestamp === timestamp && d.name === name);
    return {
      type,
      name: name as StateData["name"],
      timestamp,
      ...(record?.message !== undefined
        ? { message: record.message }
        : message !== undefined
          ? { message }
          : {}),
      ...(record?.error === undefined ? {} : { error: record.error }),
      ...(record?.scheduledTime === undefined ? {} : { scheduledTime: record.scheduledTime }),
    };
  });
}
