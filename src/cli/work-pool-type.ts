/**
 * A `--type` option naming a work pool type (`ordo worker start`, `ordo work-pool
 * get-default-base-job-template`).
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import type { WorkPoolType } from "../schemas/index.js";

/**
 * The work pool type `raw` names; `ORDO_INVALID_INPUT` (exit 2) naming `--type` and the
 * types of this version otherwise. The schema is loaded here, not by every command.
 *
 * @example
 * ```ts
 * await parseWorkPoolType("process"); // "process"
 * await parseWorkPoolType("kubernetes"); // throws: --type: "kubernetes" is not a work pool type of this version …
 * ```
 */
export async function parseWorkPoolType(raw: string): Promise<WorkPoolType> {
  const { WorkPoolTypeSchema } = await import("../schemas/work-pool.js");
  const parsed = WorkPoolTypeSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new OrdoError("ORDO_INVALID_INPUT", `--type: ${parsed.error.issues[0]?.message ?? "invalid"}`, {
    option: "--type",
  });
}
