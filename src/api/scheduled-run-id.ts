/**
 * The id of a deployment's run at a scheduled time: derived, not random, so that the
 * run is created once however many schedulers (or retried backfills) create it.
 *
 * It has the shape of a UUIDv7 whose time is the scheduled time, so ids still sort by
 * time; the other 74 bits come from a SHA-256 of the deployment id, the time and the
 * slot's variant (`PlannedRun.variant` in `schedules/`: empty for the first slot at a
 * time, which keeps the ids of runs planned before schedules' parameters told slots
 * apart; the schedule's parameters for the others).
 *
 * @module
 */
import { createHash } from "node:crypto";

/**
 * The run id of deployment `deploymentId` at `scheduledTime` (ms since the epoch).
 *
 * @example
 * ```ts
 * scheduledRunId(deployment.id, Date.parse("2026-01-01T03:00:00Z")) === scheduledRunId(deployment.id, Date.parse("2026-01-01T03:00:00Z")); // true
 * ```
 */
export function scheduledRunId(deploymentId: string, scheduledTime: number, variant = ""): string {
  const key = `${deploymentId}@${scheduledTime}${variant === "" ? "" : `#${variant}`}`;
  const digest = createHash("sha256").update(key).digest();
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(Math.max(0, Math.floor(scheduledTime)) % 2 ** 48, 0, 6);
  digest.copy(bytes, 6, 0, 10);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
