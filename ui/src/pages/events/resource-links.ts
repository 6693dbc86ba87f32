/**
 * Where a resource id leads in the UI: `ordo.flow-run.<id>` to its run,
 * `ordo.flow.<name>` to its flow. Pure.
 *
 * @module
 */

const ROUTES: readonly [prefix: string, page: string][] = [
  ["ordo.flow-run.", "/runs/"],
  ["ordo.task-run.", "/task-runs/"],
  ["ordo.flow.", "/flows/"],
  ["ordo.deployment.", "/deployments/"],
  ["ordo.work-pool.", "/work-pools/"],
];

/** The UI path of a resource id, or `undefined` when it has no page. */
export function resourceLink(resourceId: string | undefined): string | undefined {
  if (resourceId === undefined) return undefined;
  for (const [prefix, page] of ROUTES) {
    if (resourceId.startsWith(prefix) && resourceId.length > prefix.length) {
      return page + encodeURIComponent(resourceId.slice(prefix.length));
    }
  }
  return undefined;
}
