/**
 * Printing the engine benchmark: the results table, the ratios, the RSS series, targets.
 *
 * @module
 */
import { count, fmt, mb } from "../shared/stats.js";
import { renderTable } from "../shared/table.js";
import type { Measurement } from "./measure.js";

/** A target next to a measurement: its text and whether the measurement met it. */
export interface Verdict {
  readonly target: string;
  readonly pass: boolean;
}

/** One row of the results table. */
export interface ResultRow {
  readonly m: Measurement;
  readonly verdict?: Verdict | undefined;
}

/** `PASS` or `MISS`. */
export function passMiss(pass: boolean): string {
  return pass ? "PASS" : "MISS";
}

/** The results table: one line per case. */
export function resultsTable(rows: readonly ResultRow[]): string {
  return renderTable(
    [
      "case",
      "N",
      "µs/task (median)",
      "min",
      "CPU µs/task",
      "runs",
      "peak RSS",
      "max loop stall",
      "target",
      "result",
    ],
    rows.map(({ m, verdict }) => [
      m.label,
      count(m.n),
      fmt(m.usPerTask),
      fmt(m.minUsPerTask),
      fmt(m.cpuUsPerTask),
      String(m.runsMs.length),
      mb(m.peakRss),
      `${fmt(m.maxStallMs)} ms`,
      verdict?.target ?? "",
      verdict === undefined ? "" : passMiss(verdict.pass),
    ]),
  );
}

/** One ratio line: `name: a ÷ b = r×`. */
export function ratioLine(name: string, tracked: Measurement, base: Measurement): string {
  const ratio = tracked.usPerTask / base.usPerTask;
  return `  ${name.padEnd(44)} ${fmt(tracked.usPerTask).padStart(7)} ÷ ${fmt(base.usPerTask).padStart(6)} µs = ${fmt(ratio)}×`;
}
