/**
 * The run-history chart's series: one per state type, in lifecycle order, named and
 * coloured with the state palette.
 *
 * @module
 */
import type { StateType } from "../../api/types.js";
import type { ChartSeries } from "../../components/charts/stacked-bar-chart.js";
import { STATE_TYPE_ORDER, stateColorVar } from "../../theme/state-colors.js";

/** Stacking order of the chart: finished states at the bottom, then the live ones. */
export const HISTORY_ORDER: readonly StateType[] = [
  "COMPLETED",
  "FAILED",
  "CRASHED",
  "CANCELLED",
  "CANCELLING",
  "PAUSED",
  "RUNNING",
  "PENDING",
  "SCHEDULED",
];

/** A state type in words: `CANCELLING` → "Cancelling". */
export function stateTypeLabel(type: string): string {
  return type.charAt(0) + type.slice(1).toLowerCase();
}

/** The legend name and colour of a state type (unknown keys get the pending grey). */
export function stateSeries(type: string): ChartSeries {
  const known = (STATE_TYPE_ORDER as readonly string[]).includes(type);
  return {
    label: stateTypeLabel(type),
    color: stateColorVar(undefined, known ? (type as StateType) : undefined),
  };
}
