/**
 * The dashboard's headline numbers and the count requests behind them: runs expected
 * in the range (all, completed, failed or crashed) and runs running or late now.
 *
 * @module
 */
import type { FlowRunFilter } from "../../api/types.js";
import type { RangeWindow } from "./time-range.js";

/** The filter part of a count request. */
export type CountFilter = Omit<FlowRunFilter, "sort" | "cursor" | "limit" | "offset">;

/** One headline number: its label and which runs it counts. */
export interface Headline {
  readonly key: "total" | "completed" | "failed" | "running" | "late";
  readonly label: string;
  readonly filter: CountFilter;
  /** The state palette key of its accent (none for the total). */
  readonly color?: string;
}

/** Runs expected to start in the range, up to now (upcoming scheduled runs are not counted). */
export function inRange(span: RangeWindow): CountFilter {
  return { expectedStartTime: { after: span.from, before: span.until } };
}

/** The headline numbers of `span`, in display order. */
export function headlines(span: RangeWindow): Headline[] {
  const range = inRange(span);
  return [
    { key: "total", label: "Runs", filter: range },
    {
      key: "completed",
      label: "Completed",
      filter: { ...range, stateTypes: ["COMPLETED"] },
      color: "completed",
    },
    {
      key: "failed",
      label: "Failed or crashed",
      filter: { ...range, stateTypes: ["FAILED", "CRASHED"] },
      color: "failed",
    },
    { key: "running", label: "Running now", filter: { stateTypes: ["RUNNING"] }, color: "running" },
    { key: "late", label: "Late now", filter: { stateNames: ["Late"] }, color: "late" },
  ];
}
