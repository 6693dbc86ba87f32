/**
 * The CPU time of a process and of its children, read from Linux's `/proc`.
 *
 * @module
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** CPU milliseconds (user + system) of a process and of the children it has reaped. */
export interface ProcessCpu {
  /** The process itself, all its threads. */
  readonly selfMs: number;
  /** Its children that exited and were waited for (and theirs), summed by the kernel. */
  readonly childrenMs: number;
}

let ticksPerSecond: number | undefined;

/** `CLK_TCK`, the unit of `/proc/<pid>/stat`'s times. */
function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return ticksPerSecond;
}

/** Reads `pid`'s CPU times; undefined where there is no `/proc` or the process is gone. */
export function processCpu(pid: number): ProcessCpu | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Fields after "(comm)": state is field 3, utime 14, stime 15, cutime 16, cstime 17.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ms = (index: number) => (Number(fields[index - 3]) * 1000) / clockTicks();
  return { selfMs: ms(14) + ms(15), childrenMs: ms(16) + ms(17) };
}
