/**
 * The Deployments list's URL: `?name=` (deployments whose name starts with it),
 * `?flow=` (of one flow) and `?page=` (1-based), and the API filter they make. Pure.
 *
 * @module
 */
import type { DeploymentFilter } from "../../api/types.js";

/** Deployments per page. */
export const DEPLOYMENT_PAGE_SIZE = 50;

/** What the list shows. */
export interface DeploymentListParams {
  /** The start of the deployments' names (`""`: all). */
  readonly name: string;
  /** Only this flow's deployments (`""`: all flows). */
  readonly flow: string;
  /** The page, from 1. */
  readonly page: number;
}

/** The list's parameters from the query string (bad or missing values fall back to the defaults). */
export function readListParams(search: URLSearchParams): DeploymentListParams {
  const page = Number(search.get("page") ?? "1");
  return {
    name: search.get("name") ?? "",
    flow: search.get("flow") ?? "",
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The query string of `params`, without default values. */
export function writeListParams(params: DeploymentListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.name !== "") search.set("name", params.name);
  if (params.flow !== "") search.set("flow", params.flow);
  if (params.page > 1) search.set("page", String(params.page));
  return search;
}

/**
 * The body of `POST /api/deployments/filter`: one more than a page, so the list knows
 * whether a next page exists.
 */
export function deploymentFilterOf(params: DeploymentListParams): DeploymentFilter {
  return {
    ...(params.name.trim() === "" ? {} : { namePrefix: params.name.trim() }),
    ...(params.flow === "" ? {} : { flowName: params.flow }),
    limit: DEPLOYMENT_PAGE_SIZE + 1,
    offset: (params.page - 1) * DEPLOYMENT_PAGE_SIZE,
  };
}
