/**
 * Deployment names: `flow/deployment`. Pure, with no other part of the `api/` layer, so
 * clients that talk to a server use it without loading that layer.
 *
 * @module
 */
import { OrdoError } from "../errors/index.js";

/** Splits `flow/deployment`; throws `ORDO_INVALID_INPUT` without the slash. */
export function parseDeploymentName(fullName: string): { flowName: string; name: string } {
  const slash = fullName.indexOf("/");
  if (slash <= 0 || slash === fullName.length - 1) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `invalid deployment name "${fullName}": use FLOW/DEPLOYMENT, e.g. etl/nightly`,
      { name: fullName },
    );
  }
  return { flowName: fullName.slice(0, slash), name: fullName.slice(slash + 1) };
}
