/**
 * The API requests the Runs page and the Dashboard send when they load, built with the
 * UI's own code (`ui/src/pages/runs/filters-url.ts`, `ui/src/pages/dashboard/time-range.ts`
 * and `headline-counts.ts`), so the bodies are the ones the browser sends; `run.ts` checks
 * them against what Chromium sends for the same addresses.
 *
 * A page load is a tree: the requests a page sends at once, and those it sends when one
 * of them has answered (the deployment names of the loaded runs, the dashboard's cards
 * once it knows there are runs).
 *
 * @module
 */
import type http from "node:http";
import { headlines, inRange } from "../../ui/src/pages/dashboard/headline-counts.js";
import { DEFAULT_RANGE, rangeWindow } from "../../ui/src/pages/dashboard/time-range.js";
import {
  countFilterOf,
  parseRunsQuery,
  toFlowRunFilter,
  type RunsQuery,
} from "../../ui/src/pages/runs/filters-url.js";
import { STATE_TYPE_ORDER } from "../../ui/src/theme/state-colors.js";
import { postJson } from "../api/load.js";

/** Runs per page of the Runs page (`RUNS_PAGE_SIZE`, `ui/src/pages/runs/use-flow-run-pages.ts`). */
const RUNS_PAGE_SIZE = 100;
/** Failed runs the dashboard groups (`FAILURE_SAMPLE`, `ui/src/pages/dashboard/failing-flows-card.tsx`). */
const FAILURE_SAMPLE = 500;

/** One API request: a POST below `/api`. */
export interface ApiRequest {
  /** What it is, for the report, e.g. `paginate (100, newest)`. */
  readonly label: string;
  /** Requests reported together (the state counts, the headline counts), if any. */
  readonly group?: string;
  /** Below `/api`, e.g. `/flow_runs/paginate`. */
  readonly path: string;
  readonly body: unknown;
}

/** A request, and the requests sent once it has answered (given its parsed answer). */
export interface Step {
  readonly request: ApiRequest;
  readonly then?: (answer: unknown) => readonly Step[];
}

/** What a page sends when it loads. */
export interface PageLoad {
  /** E.g. `Runs, default view`. */
  readonly name: string;
  /** The address in the UI that sends these requests. */
  readonly url: string;
  readonly steps: readonly Step[];
}

/** A page of runs, as far as the pages read it. */
export interface RunPage {
  readonly items: readonly { readonly deploymentId?: string }[];
  readonly nextCursor?: string;
}

/** The ids `useDeploymentNames` asks names for: the loaded runs' deployments, sorted. */
function deploymentIds(runs: RunPage["items"]): string[] {
  return [...new Set(runs.flatMap((r) => (r.deploymentId === undefined ? [] : [r.deploymentId])))]
    .sort()
    .slice(0, 1000);
}

/**
 * The deployment-name lookup of the loaded runs, if any run has a deployment and the ids
 * differ from those already looked up (`before`: the query is keyed on the ids).
 */
function deploymentNames(runs: RunPage["items"], before: RunPage["items"] = []): Step[] {
  const ids = deploymentIds(runs);
  if (ids.length === 0 || ids.join() === deploymentIds(before).join()) return [];
  return [
    {
      request: {
        label: `deployments/filter (names of ${ids.length})`,
        path: "/deployments/filter",
        body: { ids, limit: Math.max(1, ids.length) },
      },
    },
  ];
}

/** What the Runs page's flow-run view sends for `query` (page 1, state counts, deployments). */
function runsPageSteps(query: RunsQuery, now: number, onFirstPage?: (page: RunPage) => Step[]): Step[] {
  const filter = toFlowRunFilter(query, now);
  return [
    {
      request: {
        label: `paginate (${RUNS_PAGE_SIZE}, ${filter.sort?.toLowerCase() ?? "newest"})`,
        path: "/flow_runs/paginate",
        body: { ...filter, limit: RUNS_PAGE_SIZE },
      },
      then: (answer) => {
        const page = answer as RunPage;
        return [...deploymentNames(page.items), ...(onFirstPage?.(page) ?? [])];
      },
    },
    ...STATE_TYPE_ORDER.map((type) => ({
      request: {
        label: `count ${type}`,
        group: `count ×${STATE_TYPE_ORDER.length}, one per state type`,
        path: "/flow_runs/count",
        body: { filter: { ...countFilterOf(filter), stateTypes: [type] } },
      },
    })),
    {
      request: { label: "deployments/filter (options)", path: "/deployments/filter", body: { limit: 200 } },
    },
  ];
}

/** The Runs page at `search` (the query string, without `?`). */
export function runsPage(name: string, search: string, now: number): PageLoad {
  const query = parseRunsQuery(new URLSearchParams(search));
  return { name, url: `/runs${search === "" ? "" : `?${search}`}`, steps: runsPageSteps(query, now) };
}

/**
 * The Runs page's second page: what the table sends when the reader scrolls near the
 * end of the first (`first` is the first page's answer, for its cursor and runs).
 */
export function runsNextPage(name: string, search: string, now: number, first: RunPage): PageLoad {
  const query = parseRunsQuery(new URLSearchParams(search));
  if (first.nextCursor === undefined) throw new Error("the first page has no next page");
  return {
    name,
    url: `/runs${search === "" ? "" : `?${search}`}`,
    steps: [
      {
        request: {
          label: `paginate (${RUNS_PAGE_SIZE}, cursor)`,
          path: "/flow_runs/paginate",
          body: { ...toFlowRunFilter(query, now), limit: RUNS_PAGE_SIZE, cursor: first.nextCursor },
        },
        then: (answer) => deploymentNames([...first.items, ...(answer as RunPage).items], first.items),
      },
    ],
  };
}

/** The Dashboard at its default range (the last 24 hours), with runs in the database. */
export function dashboard(now: number): PageLoad {
  const span = rangeWindow(DEFAULT_RANGE, now);
  const numbers = headlines(span);
  const cards: Step[] = [
    ...numbers.map((h) => ({
      request: {
        label: `count, headline "${h.label}"`,
        group: `count ×${numbers.length}, headline numbers`,
        path: "/flow_runs/count",
        body: { filter: h.filter },
      },
    })),
    {
      request: {
        label: `history (${DEFAULT_RANGE}, ${span.intervalSeconds / 60} min buckets)`,
        path: "/flow_runs/history",
        body: {
          from: span.from,
          to: span.to,
          intervalSeconds: span.intervalSeconds,
          filter: { expectedStartTime: { before: span.until } },
        },
      },
    },
    {
      request: {
        label: `paginate failing flows (${FAILURE_SAMPLE})`,
        path: "/flow_runs/paginate",
        body: { stateTypes: ["FAILED", "CRASHED"], ...inRange(span), limit: FAILURE_SAMPLE },
      },
    },
    { request: { label: "work_pools/filter", path: "/work_pools/filter", body: { limit: 200 } } },
    {
      request: {
        label: "paginate late runs (10)",
        path: "/flow_runs/paginate",
        body: { limit: 10, stateNames: ["Late"] },
      },
    },
    { request: { label: "paginate recent runs (10)", path: "/flow_runs/paginate", body: { limit: 10 } } },
  ];
  return {
    name: "Dashboard (24h)",
    url: "/",
    steps: [
      {
        request: { label: "count, any run (cap 1)", path: "/flow_runs/count", body: { cap: 1 } },
        then: (answer) => ((answer as { count: number }).count > 0 ? cards : []),
      },
    ],
  };
}

/** One answered request: what was sent, how long it took, the parsed answer. */
export interface Answered {
  readonly request: ApiRequest;
  readonly ms: number;
  readonly answer: unknown;
}

/**
 * Sends one request to `api` (`http://host:port/api`); throws unless it answers 200. A
 * kept-alive connection the server closed as it was reused is retried once, as browsers
 * do (the time includes both tries).
 */
export async function send(agent: http.Agent, api: string, request: ApiRequest): Promise<Answered> {
  const started = performance.now();
  const url = `${api}${request.path}`;
  const res = await postJson(agent, url, request.body).catch((error: unknown) => {
    if ((error as { code?: string }).code !== "ECONNRESET") throw error;
    return postJson(agent, url, request.body);
  });
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${request.path}: ${res.status} ${res.body.slice(0, 200)}`);
  return { request, ms, answer: JSON.parse(res.body) as unknown };
}

/**
 * Loads `page` as the browser does: every first request at once, each follow-up as soon
 * as the request it depends on has answered. Returns the wall time and every request sent.
 */
export async function loadPage(
  agent: http.Agent,
  api: string,
  page: PageLoad,
): Promise<{ ms: number; answered: Answered[] }> {
  const answered: Answered[] = [];
  const run = async (step: Step): Promise<void> => {
    const done = await send(agent, api, step.request);
    answered.push(done);
    await Promise.all((step.then?.(done.answer) ?? []).map(run));
  };
  const started = performance.now();
  await Promise.all(page.steps.map(run));
  return { ms: performance.now() - started, answered };
}

/** Requests compared regardless of the time they were built at: timestamps read `<time>`. */
export function requestKey(path: string, body: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (typeof value === "number" && value > 1e12) return "<time>";
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
      );
    }
    return value;
  };
  return `${path} ${JSON.stringify(canonical(body))}`;
}
