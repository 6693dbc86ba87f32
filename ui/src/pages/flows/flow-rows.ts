/**
 * The Flows list's rows: each flow with its latest run and its number of deployments,
 * from three answers (flows, deployments, the latest runs), one request each. Pure.
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

/** The rows of the flows list: `flows` (as the server filtered them), sorted by name. */
export function flowRows(
  flows: readonly Flow[],
  deployments: readonly Pick<Deployment, "flowName">[],
  runs: readonly FlowRun[],
): FlowRow[] {
  const latest = new Map<string, FlowRun>();
  for (const run of runs) if (!latest.has(run.flowName)) latest.set(run.flowName, run);
  const deploymentCounts = new Map<string, number>();
  for (const d of deployments) deploymentCounts.set(d.flowName, (deploymentCounts.get(d.flowName) ?? 0) + 1);
  return flows
    .map((flow) => ({
      name: flow.name,
      createdAt: flow.createdAt,
      tags: flow.tags,
      latestRun: latest.get(flow.name),
      deployments: deploymentCounts.get(flow.name) ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
