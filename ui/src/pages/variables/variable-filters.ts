/**
 * The Variables page's filter in the URL: `?prefix=db&offset=50`.
 *
 * @module
 */
import type { VariableFilter } from "../../api/types.js";
import { readOffset } from "../../components/offset-page.js";

/** Variables per page. */
export const VARIABLES_PAGE_SIZE = 50;

/** What the page shows. */
export interface VariableView {
  /** Names starting with this text ("" for all). */
  readonly prefix: string;
  readonly offset: number;
}

/** Reads the view from the query string; a bad offset reads as 0. */
export function readVariableView(params: URLSearchParams): VariableView {
  return { prefix: params.get("prefix") ?? "", offset: readOffset(params) };
}

/** Writes the view to a query string, leaving defaults out. */
export function writeVariableView(view: VariableView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.prefix !== "") params.set("prefix", view.prefix);
  if (view.offset > 0) params.set("offset", String(view.offset));
  return params;
}

/**
 * The request for one page: one row more than shown, so the page knows whether a next
 * page exists without counting.
 */
export function variableFilter(view: VariableView): VariableFilter {
  return {
    // Names are lowercase: "DB" finds "db_url".
    ...(view.prefix === "" ? {} : { namePrefix: view.prefix.toLowerCase() }),
    limit: VARIABLES_PAGE_SIZE + 1,
    offset: view.offset,
  };
}
