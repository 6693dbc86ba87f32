/**
 * The Runs page's filters and the URL query string, both ways, and the API filter they
 * mean. Pure: the page keeps its filters in the URL (shareable, back/forward), reads them
 * with {@link parseRunsQuery}, writes them with {@link runsQueryToParams}, and asks the
 * API with {@link toFlowRunFilter}.
 *
 * URL keys: `flow` and `deployment` and `state` and `tag` (each repeatable), `range`
 * (`1h`, `24h`, `7d`, `30d` or `custom` with `from`/`to` as ISO times), `q` (name prefix),
 * `sort` (`oldest`, `name`; newest is the default and is left out).
 *
 * @module
 */
import type { FlowRunFilter, StateType } from "../../api/types.js";
import { STATE_TYPE_ORDER } from "../../theme/state-colors.js";

/** The time ranges offered, on the runs' expected start time. */
export const TIME_RANGES = ["all", "1h", "24h", "7d", "30d", "custom"] as const;
/** A time range key. */
export type TimeRangeKey = (typeof TIME_RANGES)[number];

/** How long each relative range reaches back, in ms. */
export const RANGE_MS: Readonly<Record<Exclude<TimeRangeKey, "all" | "custom">, number>> = {
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
};

/** The sort orders offered. */
export const RUNS_SORTS = ["newest", "oldest", "name"] as const;
/** A sort order. */
export type RunsSort = (typeof RUNS_SORTS)[number];

/** The Runs page's filters, as the URL holds them. */
export interface RunsQuery {
  /** Runs of any of these flows (names). */
  readonly flows: readonly string[];
  /** Runs of any of these deployments (ids). */
  readonly deployments: readonly string[];
  /** Runs in any of these state types. */
  readonly states: readonly StateType[];
  /** Runs carrying every one of these tags. */
  readonly tags: readonly string[];
  readonly range: TimeRangeKey;
  /** With `range: "custom"`: from (inclusive) and to (exclusive), ms since the epoch. */
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  /** Runs whose name starts with this text. */
  readonly search: string;
  readonly sort: RunsSort;
}

/** No filter, newest first. */
export const DEFAULT_RUNS_QUERY: RunsQuery = {
  flows: [],
  deployments: [],
  states: [],
  tags: [],
  range: "all",
  search: "",
  sort: "newest",
};

/** The URL keys this module owns (other keys, such as `view`, are left alone). */
export const RUNS_QUERY_KEYS = ["flow", "deployment", "state", "tag", "range", "from", "to", "q", "sort"];

function distinct(values: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed !== "") seen.add(trimmed);
  }
  return [...seen];
}

function parseTime(text: string | null): number | undefined {
  if (text === null || text.trim() === "") return undefined;
  const at = Date.parse(text);
  return Number.isFinite(at) && at >= 0 ? at : undefined;
}

function oneOf<T extends string>(values: readonly T[], text: string | null, fallback: T): T {
  return values.find((v) => v === text) ?? fallback;
}

/** Splits "a, b,,c" into ["a", "b", "c"] (what a comma-separated input means). */
export function splitList(text: string): string[] {
  return distinct(text.split(","));
}

/**
 * The filters a query string holds. Unknown values are dropped (an unknown state type,
 * range or sort, an unreadable time), duplicates and blanks are removed, state types are
 * kept in lifecycle order; a custom range without a readable `from` or `to` keeps the
 * side it has, and one with neither is no range at all.
 */
export function parseRunsQuery(params: URLSearchParams): RunsQuery {
  const states = new Set(params.getAll("state").map((s) => s.trim().toUpperCase()));
  let range = oneOf(TIME_RANGES, params.get("range"), "all");
  let from: number | undefined;
  let to: number | undefined;
  if (range === "custom") {
    from = parseTime(params.get("from"));
    to = parseTime(params.get("to"));
    if (from === undefined && to === undefined) range = "all";
  }
  return {
    flows: distinct(params.getAll("flow")),
    deployments: distinct(params.getAll("deployment")),
    states: STATE_TYPE_ORDER.filter((type) => states.has(type)),
    tags: distinct(params.getAll("tag")),
    range,
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    search: params.get("q")?.trim() ?? "",
    sort: oneOf(RUNS_SORTS, params.get("sort"), "newest"),
  };
}

/**
 * The query string of `query`, over `base` (whose other keys, like `view`, are kept).
 * Defaults are left out, so the plain page has a plain URL.
 */
export function runsQueryToParams(query: RunsQuery, base?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const key of RUNS_QUERY_KEYS) params.delete(key);
  for (const flow of distinct(query.flows)) params.append("flow", flow);
  for (const id of distinct(query.deployments)) params.append("deployment", id);
  for (const type of STATE_TYPE_ORDER.filter((t) => query.states.includes(t))) params.append("state", type);
  for (const tag of distinct(query.tags)) params.append("tag", tag);
  if (query.range === "custom") {
    if (query.from === undefined && query.to === undefined) {
      // Nothing to keep: no range.
    } else {
      params.set("range", "custom");
      if (query.from !== undefined) params.set("from", new Date(query.from).toISOString());
      if (query.to !== undefined) params.set("to", new Date(query.to).toISOString());
    }
  } else if (query.range !== "all") {
    params.set("range", query.range);
  }
  if (query.search.trim() !== "") params.set("q", query.search.trim());
  if (query.sort !== "newest") params.set("sort", query.sort);
  return params;
}

/** The expected-start-time range `query` means at time `now`, if any. */
export function timeRangeOf(query: RunsQuery, now: number): { after?: number; before?: number } | undefined {
  if (query.range === "all") return undefined;
  if (query.range === "custom") {
    if (query.from === undefined && query.to === undefined) return undefined;
    return {
      ...(query.from === undefined ? {} : { after: query.from }),
      ...(query.to === undefined ? {} : { before: query.to }),
    };
  }
  return { after: Math.max(0, now - RANGE_MS[query.range]) };
}

/**
 * The API filter of `query` at time `now` (relative ranges count back from `now`), without
 * page size or cursor. Empty lists are left out: an empty list would match nothing.
 */
export function toFlowRunFilter(query: RunsQuery, now: number): FlowRunFilter {
  const range = timeRangeOf(query, now);
  const search = query.search.trim();
  return {
    ...(query.flows.length === 0 ? {} : { flowNames: [...query.flows] }),
    ...(query.deployments.length === 0 ? {} : { deploymentIds: [...query.deployments] }),
    ...(query.states.length === 0 ? {} : { stateTypes: [...query.states] }),
    ...(query.tags.length === 0 ? {} : { tags: [...query.tags] }),
    ...(range === undefined ? {} : { expectedStartTime: range }),
    ...(search === "" ? {} : { namePrefix: search }),
    sort: query.sort === "oldest" ? "OLDEST" : query.sort === "name" ? "NAME" : "NEWEST",
  };
}

/** The filter without its state types and sort: what the state-count summary counts under. */
export function countFilterOf(filter: FlowRunFilter): FlowRunFilter {
  const {
    stateTypes: _states,
    sort: _sort,
    cursor: _cursor,
    limit: _limit,
    offset: _offset,
    ...rest
  } = filter;
  return rest;
}

/** True when `query` narrows nothing (the empty state then says how to make runs). */
export function isUnfiltered(query: RunsQuery): boolean {
  return (
    query.flows.length === 0 &&
    query.deployments.length === 0 &&
    query.states.length === 0 &&
    query.tags.length === 0 &&
    query.range === "all" &&
    query.search.trim() === ""
  );
}
