/**
 * Ordo API benchmark.
 *
 * 1. Throughput over real HTTP on loopback, from this process to a server process: flow
 *    runs created and moved through 3 transitions (Scheduled → Pending → Running →
 *    Completed), on SQLite and on PostgreSQL, next to a plain Hono app with one
 *    zod-validated POST route (the floor) measured in the same run.
 * 2. List latency, server-side (the app's request function, no socket): a filtered page
 *    (state + flow + time range), a capped count and a 24-bucket history over the last
 *    day, with 100k and 1M seeded runs.
 *
 * Run: `npm run bench:api [-- --runs 4000 --rounds 3 --concurrency 32 --sizes 100000,1000000]`; `--only
 * throughput` (or `lists`) runs one part, `--databases sqlite` skips PostgreSQL.
 *
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import { MemoryStorage } from "../../src/results/index.js";
import { createApp } from "../../src/server/app.js";
import { openStore } from "../../src/store/open-store.js";
import type { Store } from "../../src/store/index.js";
import {
  findPostgresBin,
  startThrowawayCluster,
  type ThrowawayCluster,
} from "../../test/helpers/postgres-cluster.js";
import { loadAverage, machineLine } from "../shared/machine.js";
import { fmt, median } from "../shared/stats.js";
import { renderTable } from "../shared/table.js";
import { drive, keepAliveAgent, postJson } from "./load.js";
import { seedPostgres, seedSqlite } from "../shared/seed-runs.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "4000" },
    concurrency: { type: "string", default: "32" },
    sizes: { type: "string", default: "100000,1000000" },
    reps: { type: "string", default: "15" },
    /** Measured throughput rounds per server (after one warm-up); the table shows medians. */
    rounds: { type: "string", default: "3" },
    /** `throughput` or `lists`: run only that part. */
    only: { type: "string" },
    /** Which databases to measure: `sqlite`, `postgres` or both. */
    databases: { type: "string", default: "sqlite,postgres" },
  },
});
const PARTS = values.only === undefined ? ["throughput", "lists"] : [values.only];
if (!PARTS.every((part) => part === "throughput" || part === "lists")) {
  throw new Error(`--only takes throughput or lists, not ${values.only}`);
}
const DATABASES = values.databases.split(",");
const RUNS = Number(values.runs);
const CONCURRENCY = Number(values.concurrency);
const SIZES = values.sizes.split(",").map(Number);
const REPS = Number(values.reps);
const ROUNDS = Number(values.rounds);
const TARGET_RUNS_PER_S = 1500;
const TARGET_LIST_MS = 50;

const root = mkdtempSync(join(tmpdir(), "ordo-bench-api-"));
let cluster: ThrowawayCluster | undefined;

/** A new database on the throwaway cluster. */
async function createDatabase(server: ThrowawayCluster, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A server process: its URL, and a reader of the CPU time it has used. */
interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  cpuUs(): Promise<number>;
}

async function startServerProcess(args: string[]): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/api/server-process.ts", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextJson = async (): Promise<Record<string, unknown>> => {
    for (let line = await lines.next(); line.done !== true; line = await lines.next()) {
      if (line.value.startsWith("{")) return JSON.parse(line.value) as Record<string, unknown>;
    }
    throw new Error("the server process ended");
  };
  const { url } = (await nextJson()) as { url: string };
  return {
    child,
    url,
    async cpuUs() {
      child.kill("SIGUSR2");
      return ((await nextJson()) as { cpuUs: number }).cpuUs;
    },
  };
}

/** Runs/s measured, and the server's CPU time per run. */
async function measureServer(
  label: string,
  server: ServerProcess,
): Promise<{ runsPerS: number; requestsPerS: number; cpuUsPerRun: number }> {
  await runThroughput(server.url, Math.min(400, RUNS)); // warm-up
  const rounds: { runsPerS: number; cpuUsPerRun: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const before = await server.cpuUs();
    const { runsPerS } = await runThroughput(server.url, RUNS);
    rounds.push({ runsPerS, cpuUsPerRun: ((await server.cpuUs()) - before) / RUNS });
  }
  const runsPerS = median(rounds.map((r) => r.runsPerS));
  const cpuUsPerRun = median(rounds.map((r) => r.cpuUsPerRun));
  console.log(
    `${label}, each round: ${rounds.map((r) => `${fmt(r.runsPerS)} runs/s at ${fmt(r.cpuUsPerRun)} µs/run`).join(", ")}`,
  );
  return { runsPerS, requestsPerS: runsPerS * 4, cpuUsPerRun };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

function expectStatus(status: number, body: string, wanted: number): void {
  if (status !== wanted) throw new Error(`expected ${wanted}, got ${status}: ${body.slice(0, 200)}`);
}

/** Runs per second: create (Scheduled) + Pending + Running + Completed. */
async function runThroughput(url: string, runs: number): Promise<{ runsPerS: number; requestsPerS: number }> {
  const agent = keepAliveAgent(CONCURRENCY);
  const oneRun = async (i: number) => {
    const now = Date.now();
    const created = await postJson(agent, `${url}/flow_runs`, {
      flowName: `bench-${i % 10}`,
      name: `run-${i}`,
      state: { type: "SCHEDULED", name: "Scheduled", timestamp: now, scheduledTime: now },
    });
    expectStatus(created.status, created.body, 201);
    const id = (JSON.parse(created.body) as { id: string }).id;
    for (const [type, name] of [
      ["PENDING", "Pending"],
      ["RUNNING", "Running"],
      ["COMPLETED", "Completed"],
    ]) {
      const r = await postJson(agent, `${url}/flow_runs/${id}/set_state`, {
        state: { type, name, timestamp: Date.now() },
      });
      expectStatus(r.status, r.body, 200);
    }
  };
  const ms = await drive(runs, CONCURRENCY, oneRun);
  agent.destroy();
  return { runsPerS: (runs / ms) * 1000, requestsPerS: ((runs * 4) / ms) * 1000 };
}

async function honoFloor(url: string): Promise<number> {
  const agent = keepAliveAgent(CONCURRENCY);
  const post = async (i: number) => {
    const r = await postJson(agent, `${url}/echo`, { flowName: "f", name: `run-${i}` });
    expectStatus(r.status, r.body, 201);
  };
  await drive(1000, CONCURRENCY, post);
  const total = RUNS * 4;
  const ms = await drive(total, CONCURRENCY, post);
  agent.destroy();
  return (total / ms) * 1000;
}

/** Median server-side ms of each list query over a store seeded with runs. */
async function listLatency(
  store: Store,
  now: number,
): Promise<{ page: number; count: number; history: number }> {
  const app = createApp({ store, resultStorage: new MemoryStorage() });
  const dayAgo = now - 24 * 3600 * 1000;
  const call = async (path: string, body: unknown) => {
    const started = performance.now();
    const res = await app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return performance.now() - started;
  };
  const time = async (path: string, body: unknown) => {
    await call(path, body);
    const samples: number[] = [];
    for (let i = 0; i < REPS; i++) samples.push(await call(path, body));
    return median(samples);
  };
  return {
    page: await time("/api/flow_runs/paginate", {
      flowName: "flow-3",
      stateTypes: ["FAILED", "CRASHED"],
      expectedStartTime: { after: now - 7 * 24 * 3600 * 1000, before: now },
      limit: 50,
    }),
    count: await time("/api/flow_runs/count", { filter: { stateTypes: ["COMPLETED"] }, cap: 10_000 }),
    history: await time("/api/flow_runs/history", { from: dayAgo, to: now, intervalSeconds: 3600 }),
  };
}

console.log("Ordo API benchmark");
console.log(machineLine());
console.log(`loadavg before: ${loadAverage()}`);
console.log(
  `throughput: ${RUNS} runs, ${CONCURRENCY} concurrent keep-alive connections, server in its own process\n`,
);

try {
  const bin = DATABASES.includes("postgres") ? findPostgresBin() : undefined;
  if (bin !== undefined) cluster = await startThrowawayCluster(bin);
  else if (DATABASES.includes("postgres"))
    console.log("PostgreSQL binaries not found: PostgreSQL rows are skipped");
  if (PARTS.includes("throughput")) await throughput();
  if (PARTS.includes("lists")) await lists();
  console.log(`loadavg after: ${loadAverage()}`);
} finally {
  await cluster?.stop();
  rmSync(root, { recursive: true, force: true });
}

/** Runs per second over HTTP: the plain Hono floor, then Ordo on each database. */
async function throughput(): Promise<void> {
  const rows: string[][] = [];
  const hono = await startServerProcess(["hono"]);
  const floor = await honoFloor(hono.url);
  await stop(hono.child);
  rows.push(["plain Hono + zod POST (floor)", "—", fmt(floor), "—", "—", "—"]);

  const sqlite = await startServerProcess(["sqlite", join(root, "throughput.db")]);
  const s = await measureServer("Ordo on SQLite", sqlite);
  await stop(sqlite.child);
  const perCore = (cpuUs: number) => 1e6 / cpuUs;
  rows.push([
    "Ordo on SQLite",
    fmt(s.runsPerS),
    fmt(s.requestsPerS),
    fmt(s.cpuUsPerRun),
    fmt(perCore(s.cpuUsPerRun)),
    s.runsPerS >= TARGET_RUNS_PER_S ? "PASS" : "MISS",
  ]);

  if (cluster !== undefined) {
    const url = await createDatabase(cluster, "bench_throughput");
    const postgres = await startServerProcess(["postgres", url]);
    const p = await measureServer("Ordo on PostgreSQL", postgres);
    await stop(postgres.child);
    rows.push([
      "Ordo on PostgreSQL",
      fmt(p.runsPerS),
      fmt(p.requestsPerS),
      fmt(p.cpuUsPerRun),
      fmt(perCore(p.cpuUsPerRun)),
      "—",
    ]);
  }
  console.log(
    renderTable(
      [
        "server",
        "runs/s (create + 3 transitions)",
        "requests/s",
        "server CPU µs/run",
        "runs/s per busy server core",
        `target ≥ ${TARGET_RUNS_PER_S} runs/s`,
      ],
      rows,
    ),
  );
  console.log(
    `Ordo on SQLite serves ${fmt((s.requestsPerS / floor) * 100)}% of the plain Hono floor's requests/s\n`,
  );
}

/** Server-side latency of the list queries over seeded databases. */
async function lists(): Promise<void> {
  const listRows: string[][] = [];
  for (const size of SIZES) {
    const now = Date.now();
    const path = join(root, `list-${size}.db`);
    await (await openStore({ sqlitePath: path })).close();
    let started = performance.now();
    seedSqlite(path, size, now);
    console.log(`seeded ${size} runs into SQLite in ${fmt((performance.now() - started) / 1000)} s`);
    const store = await openStore({ sqlitePath: path, writerThread: false });
    const l = await listLatency(store, now);
    await store.close();
    const pass = (ms: number) => (ms < TARGET_LIST_MS ? "PASS" : "MISS");
    listRows.push([
      `SQLite, ${size} runs`,
      `${fmt(l.page)} ${pass(l.page)}`,
      `${fmt(l.count)} ${pass(l.count)}`,
      `${fmt(l.history)} ${pass(l.history)}`,
    ]);
    if (cluster !== undefined) {
      const url = await createDatabase(cluster, `bench_list_${size}`);
      await (await openStore({ databaseUrl: url, sqlitePath: "" })).close();
      started = performance.now();
      await seedPostgres(url, size, now);
      console.log(`seeded ${size} runs into PostgreSQL in ${fmt((performance.now() - started) / 1000)} s`);
      const pgStore = await openStore({ databaseUrl: url, sqlitePath: "" });
      const lp = await listLatency(pgStore, now);
      await pgStore.close();
      listRows.push([
        `PostgreSQL, ${size} runs`,
        `${fmt(lp.page)} ${pass(lp.page)}`,
        `${fmt(lp.count)} ${pass(lp.count)}`,
        `${fmt(lp.history)} ${pass(lp.history)}`,
      ]);
    }
  }
  console.log(`\nlist latency, server-side median ms of ${REPS} (target < ${TARGET_LIST_MS} ms)`);
  console.log(
    renderTable(
      ["database", "filtered page (state + flow + 7 days)", "count (capped at 10,000)", "history (24 × 1 h)"],
      listRows,
    ),
  );
}
