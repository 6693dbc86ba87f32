/**
 * The note `ordo deployment run` and `ordo flow-run retry` print when nothing will start
 * a deployment's run: no worker of its pool, or no serve process, polled lately.
 *
 * @module
 */
import type { OrdoClient } from "../client/ordo-client.js";

/**
 * A note for standard error when no worker or serve process would start a run of the
 * deployment `idOrName` now (its status is NOT_READY); `undefined` when one would, or when
 * the deployment cannot be read (the run exists already: only the note is lost).
 *
 * @example
 * ```ts
 * const note = await whoWillStart(client, "etl/nightly");
 * if (note !== undefined) io.err(`${note}\n`);
 * ```
 */
export async function whoWillStart(ordo: OrdoClient, idOrName: string): Promise<string | undefined> {
  const deployment = await ordo.orchestration.readDeployment(idOrName).catch(() => undefined);
  if (deployment?.status !== "NOT_READY") return undefined;
  const pool = deployment.workPoolName;
  return pool === undefined
    ? `note: no serve process serves ${deployment.flowName}/${deployment.name} now: the run waits until one does`
    : `note: no worker polls work pool '${pool}' now: the run waits until one does (ordo worker start --pool ${pool})`;
}
