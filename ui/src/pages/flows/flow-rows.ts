/**
 * The Flows list's rows: each flow with its latest run and its number of deployments,
 * from three answers (flows, deployments, the latest runs), one request each. Pure.
 *
 * Until the API lists flows (`POST /api/flows/filter`), the flows are those named by a
 * deployment or by one of the latest runs.
 *
 * @module
 */
import type { Deployment, Flow, FlowRun } from "../../api/types.js";

/** One flow of the list. */
export interface FlowRow {
  readonly name: string;
  /** The first of this flow's runs in `runs` (newest first), if any. */
  readonly latestRun?: FlowRun | undefined;
  /** How many of the read deployments are of this flow. */
  readonly deployments: number;
  readonly createdAt?: number | undefined;
  readonly tags: readonly string[];
}

/**
 * The rows of the flows list. `flows` undefined: the API cannot list flows, so the names
 * come from `deployments` and `runs` (newest first); `nameFilter` then filters them here (the start of
 * the name, ignoring case), else the server already did. Sorted by name.
 */
export function flowRows(
  flows: readonly Flow[] | undefined,
  deployments: readonly Pick<Deployment, "flowName">[],
  runs: readonly FlowRun[],
  nameFilter = "",
): FlowRow[] {
  const latest = new Map<string, FlowRun>();
  for (const run of runs) if (!latest.has(run.flowName)) latest.set(run.flowName, run);
  const deploymentCounts = new Map<string, number>();
  for (const d of deployments) deploymentCounts.set(d.flowName, (deploymentCounts.get(d.flowName) ?? 0) + 1);

  const known =
    flows?.map((flow) => ({ name: flow.name, createdAt: flow.createdAt, tags: flow.tags })) ??
    [...new Set([...deploymentCounts.keys(), ...latest.keys()])]
      .filter((name) => name.toLowerCase().startsWith(nameFilter.trim().toLowerCase()))
      .map((name) => ({ name, createdAt: undefined, tags: [] }));
  return known
    .map((flow) => ({
      ...flow,
      latestRun: latest.get(flow.name),
      deployments: deploymentCounts.get(flow.name) ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
