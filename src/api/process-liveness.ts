/**
 * Whether a process of this host is alive.
 *
 * @module
 */

/**
 * True when process `pid` of this host exists: signal 0 reaches it, or it exists but
 * belongs to another user (`EPERM`). False only when it is gone (`ESRCH`). A pid that is
 * not a positive integer cannot be checked and counts as alive.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}
