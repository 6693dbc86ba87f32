/**
 * UI benchmark: the Runs page and the Dashboard over a million flow runs, and the Graph
 * tab of a run of 10,000 task runs, against the real server (`ordo server start`).
 *
 * 1. Seeds `--runs` flow runs (1,000,000 by default: 10 flows, 5 of them with a
 *    deployment, 7 states, a third tagged, over the last 30 days; `bench/shared/seed-runs.ts`,
 *    as `bench/api` does) into a fresh `ORDO_HOME`, starts `node bin/ordo.js server start`
 *    on it (crash detection off: see {@link WITHOUT_CRASH_DETECTION}), and runs
 *    `examples/map-reduce.ts` with `--tasks` items against it.
 * 2. Runs page and Dashboard API: the requests each page sends when it loads, built with
 *    the UI's own filter code (`page-requests.ts`) and checked against what Chromium sends
 *    for the same addresses: the Runs page's default view, a filtered view (two states,
 *    one flow, the last 7 days), a name-prefix search, the next page (cursor), and the
 *    Dashboard. Over HTTP on loopback with keep-alive, `--reps` times each: every request
 *    alone (p50/p95/max), then each page load as the browser sends it (its first requests
 *    at once over 5 connections, follow-ups when what they need has answered): wall time.
 * 3. Graph tab: `--loads` loads of `/runs/<id>?tab=graph` in headless Chromium as a first
 *    visit (a fresh browser context each) and `--loads` as a return visit (the UI's
 *    scripts in the HTTP cache), timed from `page.goto` to the end of the first frame
 *    drawn with every node laid out (`graph-load.ts`); then the pan frame rate (drag with
 *    real mouse input, 3 × 2 s, frames counted by the graph's `ordo.graph.draw` measures)
 *    and the wheel frame rate of `bench/ui-graph`.
 * 4. The page loads again for `--defaults-seconds` against the server with its default
 *    services (crash detection every 10 s).
 *
 * Targets (the UI issue): each Runs page API request < 150 ms with 1M runs; the graph
 * interactive in < 2 s and panning at ≥ 30 fps with 10,000 task runs.
 *
 * Run: `npm run build`, then `npm run bench:ui [-- --runs 1000000 --tasks 10000]` (about
 * 5 minutes on 2 cores); `-- --runs 20000 --tasks 1000 --reps 3 --loads 2
 * --defaults-seconds 0` is a quick smoke run.
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { openStore } from "../../src/store/open-store.js";
import { keepAliveAgent } from "../api/load.js";
import { requireBuild, runMapReduce, startCliServer, type CliServer } from "../shared/cli-server.js";
import { DEFAULT_CHROMIUM, frameRate, launchChromium, panFrameRate } from "../shared/graph-page.js";
import { loadAverage, machineLine } from "../shared/machine.js";
import { seedSqlite } from "../shared/seed-runs.js";
import { fmt, median, quantile } from "../shared/stats.js";
import { renderTable } from "../shared/table.js";
import { loadGraph, type GraphLoad } from "./graph-load.js";
import {
  dashboard,
  loadPage,
  requestKey,
  runsNextPage,
  runsPage,
  send,
  type ApiRequest,
  type PageLoad,
  type RunPage,
} from "./page-requests.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "1000000" },
    tasks: { type: "string", default: "10000" },
    reps: { type: "string", default: "20" },
    loads: { type: "string", default: "5" },
    "defaults-seconds": { type: "string", default: "40" },
    chromium: { type: "string", default: DEFAULT_CHROMIUM },
  },
});
const RUNS = Number(values.runs);
const TASKS = Number(values.tasks);
const REPS = Number(values.reps);
const LOADS = Number(values.loads);
const DEFAULTS_SECONDS = Number(values["defaults-seconds"]);
const TARGET_API_MS = 150;
const TARGET_INTERACTIVE_MS = 2000;
const TARGET_FPS = 30;
/** Chromium opens 6 HTTP/1.1 connections per host; the UI's live event stream holds one. */
const BROWSER_CONNECTIONS = 5;
/**
 * Crash detection off for the main measurements, so that they show the pages alone; the
 * last part measures the pages with the server's defaults (crash detection every 10 s,
 * which reads the unfinished runs that record a host, 200 at a time, between requests).
 */
const WITHOUT_CRASH_DETECTION = { ORDO_CRASH_DETECTION_INTERVAL_SECONDS: "0" };
const FILTERED = "state=FAILED&state=CRASHED&flow=flow-3&range=7d";
const SEARCH = "q=run-12";

const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");
const stats = (ms: readonly number[]) => ({ p50: median(ms), p95: quantile(ms, 0.95), max: Math.max(...ms) });

/** The API part: every request alone, then every page load, `REPS` times each. */
async function measureApi(api: string, pages: readonly PageLoad[]) {
  const agent = keepAliveAgent(BROWSER_CONNECTIONS);
  try {
    // One load of each page, unmeasured: it warms the server and lists every request the
    // page sends (follow-ups included), with their bodies.
    const requests = new Map<PageLoad, ApiRequest[]>();
    for (const page of pages) {
      requests.set(
        page,
        (await loadPage(agent, api, page)).answered.map((a) => a.request),
      );
    }
    const alone = new Map<ApiRequest, number[]>();
    const loads = new Map<PageLoad, number[]>();
    // Round-robin, so that the server's periodic work falls on every request alike.
    for (let rep = 0; rep < REPS; rep++) {
      for (const page of pages) {
        for (const request of requests.get(page)!) {
          const ms = (await send(agent, api, request)).ms;
          alone.set(request, [...(alone.get(request) ?? []), ms]);
        }
      }
    }
    for (let rep = 0; rep < REPS; rep++) {
      for (const page of pages) {
        const { ms } = await loadPage(agent, api, page);
        loads.set(page, [...(loads.get(page) ?? []), ms]);
      }
    }
    return { requests, alone, loads };
  } finally {
    agent.destroy();
  }
}

/** Page loads round-robin for `seconds`: the wall time of each, by page. */
async function loadsFor(api: string, pages: readonly PageLoad[], seconds: number) {
  const agent = keepAliveAgent(BROWSER_CONNECTIONS);
  const loads = new Map<PageLoad, number[]>(pages.map((p) => [p, []]));
  try {
    const until = Date.now() + seconds * 1000;
    while (Date.now() < until) {
      for (const page of pages) loads.get(page)!.push((await loadPage(agent, api, page)).ms);
    }
  } finally {
    agent.destroy();
  }
  return loads;
}

/** The POST requests (below `/api`, as {@link requestKey}s) Chromium sends for `url`. */
async function browserRequests(
  browser: Browser,
  base: string,
  url: string,
  then?: (page: Page) => Promise<void>,
): Promise<{ posts: string[]; gets: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    let posts: string[] = [];
    let gets: string[] = [];
    let pending = 0;
    let changed = Date.now();
    const isApi = (u: string) => new URL(u).pathname.startsWith("/api/");
    page.on("request", (r) => {
      if (!isApi(r.url())) return;
      const path = new URL(r.url()).pathname.slice("/api".length);
      if (r.method() === "POST") posts.push(requestKey(path, r.postDataJSON()));
      else if (path !== "/stream") gets.push(`${r.method()} ${path}`);
      if (path !== "/stream") pending++;
      changed = Date.now();
    });
    const finished = (u: string) => {
      if (!isApi(u) || new URL(u).pathname === "/api/stream") return;
      pending--;
      changed = Date.now();
    };
    page.on("requestfinished", (r) => finished(r.url()));
    page.on("requestfailed", (r) => finished(r.url()));
    const settle = async () => {
      const deadline = Date.now() + 60_000;
      while (pending > 0 || Date.now() - changed < 1500) {
        if (Date.now() > deadline) throw new Error(`${url}: the page's requests did not settle`);
        await page.waitForTimeout(100);
      }
    };
    await page.goto(`${base}${url}`);
    await settle();
    if (then !== undefined) {
      posts = [];
      gets = [];
      await then(page);
      await settle();
    }
    return { posts, gets };
  } finally {
    await context.close();
  }
}

/** Compares what this benchmark sends for each page with what Chromium sends. */
async function checkAgainstBrowser(
  browser: Browser,
  base: string,
  pages: readonly PageLoad[],
  requests: ReadonlyMap<PageLoad, ApiRequest[]>,
  nextPage: PageLoad,
): Promise<boolean> {
  let same = true;
  for (const page of pages) {
    const scroll =
      page === nextPage
        ? async (p: Page) => {
            // Scroll the table to its end: it asks for the next page 40 rows before it.
            await p.locator(".runs-scroll").evaluate((el: { scrollTop: number }) => (el.scrollTop = 1e9));
          }
        : undefined;
    const seen = await browserRequests(browser, base, page.url, scroll);
    const ours = requests.get(page)!.map((r) => requestKey(r.path, r.body));
    const missing = ours.filter((k) => !seen.posts.includes(k));
    const extra = seen.posts.filter((k) => !ours.includes(k));
    if (missing.length === 0 && extra.length === 0 && ours.length === seen.posts.length) {
      console.log(`  ${page.name}: the same ${ours.length} POST requests as Chromium`);
    } else {
      same = false;
      console.log(
        `  ${page.name}: DIFFERENT from Chromium (${ours.length} here, ${seen.posts.length} there)`,
      );
      for (const k of missing) console.log(`    only here:     ${k.slice(0, 300)}`);
      for (const k of extra) console.log(`    only Chromium: ${k.slice(0, 300)}`);
    }
    if (seen.gets.length > 0) console.log(`    and GET ${seen.gets.join(", ")}`);
  }
  return same;
}

/** Times `LOADS` loads of the graph at `url`, each in a new page of `context()`. */
async function graphLoads(name: string, url: string, context: () => Promise<BrowserContext>) {
  const loads: GraphLoad[] = [];
  let page: Page | undefined;
  for (let i = 0; i < LOADS; i++) {
    await page?.close();
    ({ load: loads[i], page } = await loadGraph(await context(), url, TASKS));
    const l = loads[i]!;
    console.log(
      `  ${name} ${i + 1}: interactive after ${fmt(l.interactiveMs)} ms (graph asked for ${fmt(l.dataAskedMs)}, answered ${fmt(l.dataMs)}, laid out ${fmt(l.laidOutMs)}, first frame drawn in ${fmt(l.firstDrawMs)}) — "${l.label}"`,
    );
  }
  return { loads, page: page! };
}

/**
 * The graph part: `LOADS` first visits (each in a fresh browser context) and `LOADS`
 * return visits (one context that has loaded the UI before: scripts from the HTTP
 * cache), then the pan and wheel frame rates on the last page.
 */
async function measureGraph(browser: Browser, url: string) {
  const options = { viewport: { width: 1280, height: 900 } };
  const fresh: BrowserContext[] = [];
  try {
    const first = await graphLoads("first visit", url, async () => {
      await fresh.pop()?.close();
      fresh.push(await browser.newContext(options));
      return fresh[0]!;
    });
    await first.page.close();
    await fresh.pop()?.close();
    const warm = await browser.newContext(options);
    fresh.push(warm);
    const primer = await warm.newPage();
    await primer.goto(url);
    await primer.locator("canvas[role=img]").waitFor({ timeout: 180_000 });
    await primer.close();
    const again = await graphLoads("return visit", url, () => Promise.resolve(warm));
    const page = again.page;
    const box = await page.locator("canvas[role=img]").boundingBox();
    if (box === null) throw new Error("the graph's canvas is not visible");
    const pans = [];
    for (let i = 0; i < 3; i++) {
      pans.push(await panFrameRate(page, box, 2000, "ordo.graph.draw"));
      await page.waitForTimeout(200);
    }
    const wheel = await frameRate(page, 2000, false, "ordo.graph.draw");
    return { first: first.loads, again: again.loads, pans, wheel };
  } finally {
    for (const context of fresh) await context.close();
  }
}

async function main(): Promise<void> {
  requireBuild();
  console.log("Ordo UI benchmark");
  console.log(machineLine());
  const loadavg: string[] = [`start ${loadAverage()}`];
  console.log(`load average: ${loadAverage()}`);
  const home = mkdtempSync(join(tmpdir(), "ordo-bench-ui-"));
  let server: CliServer | undefined;
  let browser: Browser | undefined;
  try {
    const db = join(home, "ordo.db");
    await (await openStore({ sqlitePath: db })).close();
    let started = performance.now();
    seedSqlite(db, RUNS, Date.now(), { deployments: 5 });
    console.log(
      `seeded ${RUNS.toLocaleString("en-US")} flow runs in ${fmt((performance.now() - started) / 1000)} s`,
    );
    started = performance.now();
    server = await startCliServer(home, WITHOUT_CRASH_DETECTION);
    console.log(
      `server (ordo server start, crash detection off) answering in ${fmt(performance.now() - started)} ms at ${server.base}`,
    );
    const graphRun = runMapReduce(server, TASKS);
    console.log(`ran map-reduce with ${TASKS.toLocaleString("en-US")} items in ${fmt(graphRun.ms / 1000)} s`);

    // 1. The Runs page's and the Dashboard's requests.
    loadavg.push(`API part ${loadAverage()}`);
    console.log(
      `\nAPI: ${REPS} reps of every request alone, then of every page load (load average ${loadAverage()})`,
    );
    const api = `${server.base}/api`;
    const now = Date.now();
    const runsDefault = runsPage("Runs, default view", "", now);
    const warm = keepAliveAgent(1);
    const first = (await send(warm, api, runsDefault.steps[0]!.request)).answer as RunPage;
    warm.destroy();
    const nextPage = runsNextPage("Runs, next page (cursor)", "", now, first);
    const pages = [
      runsDefault,
      runsPage("Runs, filtered (2 states + flow + 7d)", FILTERED, now),
      runsPage("Runs, name search (prefix)", SEARCH, now),
      nextPage,
      dashboard(now),
    ];
    const { requests, alone, loads } = await measureApi(api, pages);

    const rows: string[][] = [];
    const detail: string[][] = [];
    // The slowest request and page load of the Runs page, and of the Dashboard.
    const worst = {
      runs: { request: { name: "", p95: 0 }, load: { name: "", p95: 0 } },
      dashboard: { request: { name: "", p95: 0 }, load: { name: "", p95: 0 } },
    };
    for (const page of pages) {
      const w = page.url === "/" ? worst.dashboard : worst.runs;
      const groups = new Map<string, ApiRequest[]>();
      for (const request of requests.get(page)!) {
        const key = request.group ?? request.label;
        groups.set(key, [...(groups.get(key) ?? []), request]);
        const s = stats(alone.get(request)!);
        detail.push([page.name, request.label, fmt(s.p50), fmt(s.p95), fmt(s.max)]);
        if (s.p95 > w.request.p95) w.request = { name: `${page.name}: ${request.label}`, p95: s.p95 };
      }
      for (const [key, members] of groups) {
        // A group shows its slowest member (by p95).
        const slowest = members
          .map((m) => ({ m, s: stats(alone.get(m)!) }))
          .sort((a, b) => b.s.p95 - a.s.p95)[0]!;
        const label = members.length > 1 ? `${key} (slowest: ${slowest.m.label})` : key;
        const s = slowest.s;
        rows.push([page.name, label, fmt(s.p50), fmt(s.p95), fmt(s.max), verdict(s.p95 < TARGET_API_MS)]);
      }
      const l = stats(loads.get(page)!);
      if (l.p95 > w.load.p95) w.load = { name: page.name, p95: l.p95 };
      rows.push([
        page.name,
        `page load: all ${requests.get(page)!.length} requests (wall)`,
        fmt(l.p50),
        fmt(l.p95),
        fmt(l.max),
        verdict(l.p95 < TARGET_API_MS),
      ]);
    }
    const header = ["page", "request", "p50 ms", "p95 ms", "max ms"];
    console.log(`\nEvery request alone (${REPS} each)\n${renderTable(header, detail)}`);
    const apiTable = renderTable([...header, `p95 < ${TARGET_API_MS} ms`], rows);
    console.log(`\nRuns page and Dashboard with ${RUNS.toLocaleString("en-US")} flow runs\n${apiTable}`);

    // 2. The browser: the requests checked against Chromium's, then the Graph tab.
    loadavg.push(`browser part ${loadAverage()}`);
    browser = await launchChromium(values.chromium);
    console.log(`\nThe requests above, next to what Chromium sends for the same pages:`);
    const same = await checkAgainstBrowser(browser, server.base, pages, requests, nextPage);
    console.log(`\nGraph tab of ${TASKS.toLocaleString("en-US")} task runs (load average ${loadAverage()})`);
    const graph = await measureGraph(browser, `${server.base}/runs/${graphRun.runId}?tab=graph`);

    const firstP50 = median(graph.first.map((l) => l.interactiveMs));
    const againP50 = median(graph.again.map((l) => l.interactiveMs));
    const panFps = graph.pans.map((p) => p.fps);
    const panDraw = graph.pans.flatMap((p) => p.drawMs);
    const p50Of = (loads: readonly GraphLoad[], pick: (l: GraphLoad) => number) =>
      fmt(median(loads.map(pick)));
    const steps: [string, (l: GraphLoad) => number][] = [
      ["graph asked for (the app is up)", (l) => l.dataAskedMs],
      ["graph answered (last /graph page)", (l) => l.dataMs],
      ["laid out (canvas names every task run)", (l) => l.laidOutMs],
      ["interactive (first complete frame drawn)", (l) => l.interactiveMs],
    ];
    const graphRows = steps.map(([what, pick]) => [what, p50Of(graph.first, pick), p50Of(graph.again, pick)]);
    console.log(
      `\nGraph tab: ms from page.goto, p50 of ${LOADS} loads\n${renderTable(["", "first visit", "return visit"], graphRows)}`,
    );
    console.log(
      `pan: ${panFps.map(fmt).join(", ")} fps (3 × 2 s of dragging), draw ${fmt(median(panDraw))} ms p50, ${fmt(quantile(panDraw, 0.95))} ms p95 a frame; wheel zoom, one event per frame: ${fmt(graph.wheel.fps)} fps`,
    );

    // 3. The same page loads with the server's default services (crash detection every 10 s).
    await browser.close();
    browser = undefined;
    await server.stop();
    let defaults: Map<PageLoad, number[]> | undefined;
    if (DEFAULTS_SECONDS > 0) {
      server = await startCliServer(home);
      console.log(
        `\nThe page loads for ${DEFAULTS_SECONDS} s with the server's defaults (crash detection every 10 s; load average ${loadAverage()})`,
      );
      defaults = await loadsFor(`${server.base}/api`, pages, DEFAULTS_SECONDS);
      const defaultRows = pages.map((page) => {
        const ms = defaults!.get(page)!;
        const s = stats(ms);
        const slow = ms.filter((m) => m >= TARGET_API_MS).length;
        return [page.name, String(ms.length), String(slow), fmt(s.p50), fmt(s.p95), fmt(s.max)];
      });
      console.log(
        renderTable(["page", "loads", `≥ ${TARGET_API_MS} ms`, "p50 ms", "p95 ms", "max ms"], defaultRows),
      );
    }
    loadavg.push(`end ${loadAverage()}`);

    const summary = [
      ...(
        [
          ["Runs page", worst.runs],
          ["Dashboard", worst.dashboard],
        ] as const
      ).flatMap(([what, w]) => [
        [
          `${what}: each API request, p95 < ${TARGET_API_MS} ms`,
          `slowest ${fmt(w.request.p95)} ms (${w.request.name})`,
          verdict(w.request.p95 < TARGET_API_MS),
        ],
        [
          `  (stricter) a whole ${what} load, p95 < ${TARGET_API_MS} ms`,
          `slowest ${fmt(w.load.p95)} ms (${w.load.name})`,
          verdict(w.load.p95 < TARGET_API_MS),
        ],
      ]),
      [
        `Graph of ${TASKS.toLocaleString("en-US")} task runs interactive, first visit, p50 < ${TARGET_INTERACTIVE_MS} ms`,
        `${fmt(firstP50)} ms (${graph.first.map((l) => fmt(l.interactiveMs)).join(", ")})`,
        verdict(firstP50 < TARGET_INTERACTIVE_MS),
      ],
      [
        `  the same, return visit (scripts cached), p50 < ${TARGET_INTERACTIVE_MS} ms`,
        `${fmt(againP50)} ms (${graph.again.map((l) => fmt(l.interactiveMs)).join(", ")})`,
        verdict(againP50 < TARGET_INTERACTIVE_MS),
      ],
      [
        `Graph pans at ≥ ${TARGET_FPS} fps`,
        `${fmt(median(panFps))} fps (runs: ${panFps.map(fmt).join(", ")})`,
        verdict(median(panFps) >= TARGET_FPS),
      ],
    ];
    if (defaults !== undefined) {
      const all = [...defaults.values()].flat();
      const s = stats(all);
      summary.splice(4, 0, [
        `  with the server's default crash detection: every page load, p95 < ${TARGET_API_MS} ms`,
        `p50 ${fmt(s.p50)}, p95 ${fmt(s.p95)}, max ${fmt(s.max)} ms (${all.length} loads)`,
        verdict(s.p95 < TARGET_API_MS),
      ]);
    }
    console.log(`\nSummary\n${renderTable(["target", "measured", "result"], summary)}`);
    console.log(`requests checked against Chromium's: ${same ? "the same" : "DIFFERENT (see above)"}`);
    console.log(`load average (1, 5, 15 min): ${loadavg.join("; ")}`);
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
