/**
 * What machine a benchmark ran on, and how busy it was.
 *
 * @module
 */
import { availableParallelism, cpus, loadavg } from "node:os";

/** The machine facts printed at the top of every benchmark. */
export interface MachineInfo {
  readonly date: string;
  readonly cores: number;
  readonly cpu: string;
  readonly node: string;
  readonly platform: string;
}

/** Reads the machine facts (cores as `nproc` reports them). */
export function machineInfo(): MachineInfo {
  return {
    date: new Date().toISOString(),
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** The 1, 5 and 15 minute load averages, as `/proc/loadavg` prints them. */
export function loadAverage(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
}

/** One line describing the machine, for the top of a report. */
export function machineLine(info: MachineInfo = machineInfo()): string {
  return `${info.date}  ${info.cores} cores (${info.cpu})  Node ${info.node}  ${info.platform}`;
}
