/**
 * Whether a process of this host is alive.
 *
 * @module
 */
import { readFileSync } from "node:fs";

/**
 * True when process `pid` of this host exists: signal 0 reaches it, or it exists but
 * belongs to another user (`EPERM`). False when it is gone (`ESRCH`) or, on Linux, when
 * it is a zombie: a process that exited but was not reaped, which is what an orphan
 * becomes in a container whose PID 1 does not reap (Docker without `--init`). A pid that
 * is not a positive integer cannot be checked and counts as alive.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
  return !isZombie(pid);
}

/** True when `/proc` says `pid` has exited and waits to be reaped (state `Z`). */
function isZombie(pid: number): boolean {
  if (process.platform !== "linux") return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // pid (comm) state …: comm may hold spaces and parentheses, so read after the last ')'.
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z";
  } catch {
    return false;
  }
}
