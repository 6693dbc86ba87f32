/**
 * Pickup benchmark: how fast a triggered or scheduled deployment run starts, and how
 * many runs per second workers get through.
 *
 * 1. Trigger → first line of flow code: the time from the `createDeploymentFlowRun`
 *    call to the flow's first statement (`Date.now()` appended to a file), over
 *    `--runs` runs one after another, (a) through a worker (`ordo worker start`, one
 *    child process per run, a warm child waiting) and (b) through `serve`.
 * 2. Throughput: `--count` runs created at once, through 2 workers (`--limit 10` each, or
 *    `--limit N`), beside the ceiling of a process per run: how many bare Node.js
 *    processes (`node -e 0`, 4 at a time) this machine starts per second.
 * 3. Lateness of scheduled runs: runs scheduled `--ahead` ms ahead, one after another;
 *    Running time − scheduled time, and first line − scheduled time.
 *
 * Everything runs on this machine: a server in this process (SQLite in a temp folder),
 * workers and `serve` as child processes of the built package (`npm run build` first).
 *
 * Run: `npm run bench:pickup [-- --runs 200 --count 1000 --scheduled 20 --gap-ms 300]`.
 * `--only worker,scheduled,serve,throughput` (any of them, comma-separated) runs only
 * those parts; the others are left out of the tables.
 *
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { HttpClient } from "../../src/client/http-client.js";
import { loadAverage, machineLine } from "../shared/machine.js";
import { bareProcessRate } from "../shared/bare-process-rate.js";
import { processCpu, type ProcessCpu } from "../shared/process-cpu.js";
import { startQuietServer } from "../shared/quiet-server.js";
import { fmt } from "../shared/stats.js";
import { renderTable } from "../shared/table.js";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    count: { type: "string", default: "1000" },
    scheduled: { type: "string", default: "20" },
    ahead: { type: "string", default: "2000" },
    "gap-ms": { type: "string", default: "300" },
    only: { type: "string", default: "worker,scheduled,serve,throughput" },
    limit: { type: "string", default: "10" },
  },
});
const PARTS = ["worker", "scheduled", "serve", "throughput"] as const;
const only = new Set(values.only.split(",").map((part) => part.trim()));
for (const part of only) {
  if (!(PARTS as readonly string[]).includes(part)) {
    console.error(`--only: unknown part '${part}' (parts: ${PARTS.join(", ")})`);
    process.exit(1);
  }
}
/** Whether `part` is run (`--only`). */
const included = (part: (typeof PARTS)[number]): boolean => only.has(part);
const RUNS = Number(values.runs);
const COUNT = included("throughput") ? Number(values.count) : 0;
const SCHEDULED = included("scheduled") ? Number(values.scheduled) : 0;
const AHEAD_MS = Number(values.ahead);
const GAP_MS = Number(values["gap-ms"]);
/** Each worker's `--limit`: how many runs it runs at once. */
const LIMIT = values.limit;
const ROOT = resolve(import.meta.dirname, "../..");
const FLOW_FILE = "bench/pickup/flows.ts";

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** The `q` quantile (0–1) of `values`, nearest rank. */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) {
  console.error("bench:pickup runs the built package: run `npm run build` first");
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), "ordo-bench-pickup-"));
const server = await startQuietServer(dir);
const client = HttpClient.open({ apiUrl: server.apiUrl });
const children: ChildProcess[] = [];
const env = { ...process.env, ORDO_HOME: dir, ORDO_API_URL: server.apiUrl };

/** Starts a process and resolves once it printed `ready`. */
function start(args: string[], ready: RegExp): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((done, fail) => {
    let seen = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (seen === undefined) return;
      seen += chunk.toString();
      if (ready.test(seen)) done(child);
      if (seen.length > 100_000) seen = seen.slice(-1000);
    });
    child.once("exit", (code) => fail(new Error(`${args.join(" ")} exited with ${code}`)));
  });
}

/** Stops the processes started for one part, and waits for them. */
async function stopAll(): Promise<void> {
  const all = children.splice(0);
  await Promise.all(
    all.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once("exit", () => done());
          child.kill("SIGTERM");
          setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
        }),
    ),
  );
}

/** The stamps written to `file` so far, by tag. */
function stamps(file: string): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [tag, at] = line.split(" ");
    if (tag !== undefined && at !== undefined) out.set(tag, Number(at));
  }
  return out;
}

async function waitFor<T>(
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await sleep(5);
  }
}

async function waitCompleted(id: string): Promise<void> {
  await waitFor(async () => ((await client.readFlowRun(id)).state.type === "COMPLETED" ? true : undefined));
}

/** Where the time between trigger and first line went, in ms per run. */
interface Phases {
  readonly total: number[];
  /** Trigger → InfrastructurePending (the claim). */
  readonly claim: number[];
  /** Claim → Pending (the child takes the run, attaches, reads it). */
  readonly pending: number[];
  /** Pending → Running (the engine starts the flow run). */
  readonly running: number[];
  /** Running → the flow's first statement. */
  readonly firstLine: number[];
}

/** Trigger → first line, for `runs` runs of `deployment` one after another (after 3 warm-ups). */
async function triggerToFirstLine(deployment: string, runs: number, label: string): Promise<Phases> {
  const file = join(dir, `${label}.stamps`);
  const out: Phases = { total: [], claim: [], pending: [], running: [], firstLine: [] };
  if (runs === 0) return out;
  for (let i = -3; i < runs; i++) {
    const tag = `${label}-${i}`;
    const triggeredAt = Date.now();
    const run = await client.orchestration.createDeploymentFlowRun(deployment, { parameters: { file, tag } });
    const firstLine = await waitFor(() => stamps(file).get(tag));
    await waitCompleted(run.id);
    if (i >= 0) {
      const states = await client.readFlowRunStates(run.id);
      const at = (name: string) => states.find((s) => s.name === name)?.timestamp ?? Number.NaN;
      out.total.push(firstLine - triggeredAt);
      out.claim.push(at("InfrastructurePending") - triggeredAt);
      out.pending.push(at("Pending") - at("InfrastructurePending"));
      out.running.push(at("Running") - at("Pending"));
      out.firstLine.push(firstLine - at("Running"));
    }
    // The worker starts the next warm child when it hands one over: let it load.
    await sleep(GAP_MS);
  }
  return out;
}

function phaseRows(label: string, phases: Phases, target: string): string[][] {
  if (phases.total.length === 0) return [];
  return [
    row(`${label}: trigger → first line`, phases.total, target),
    row("  trigger → claimed (InfrastructurePending)", phases.claim, ""),
    row("  claimed → Pending (child takes the run)", phases.pending, ""),
    row("  Pending → Running", phases.running, ""),
    row("  Running → first line", phases.firstLine, ""),
  ];
}

function row(label: string, ms: readonly number[], target: string): string[] {
  return [
    label,
    String(ms.length),
    fmt(quantile(ms, 0.5)),
    fmt(quantile(ms, 0.99)),
    fmt(Math.max(...ms)),
    target,
  ];
}

try {
  console.log(machineLine());
  console.log(`load average at start: ${loadAverage()}`);
  await client.orchestration.createWorkPool({ name: "bench", type: "process" });
  const deployment = {
    flowName: "bench-stamp",
    entrypoint: `${FLOW_FILE}:stamp`,
    path: ROOT,
    workPoolName: "bench",
  };
  await client.orchestration.createDeployment({ ...deployment, name: "worker" });
  const worker = (name: string) =>
    start(
      ["bin/ordo.js", "worker", "start", "--pool", "bench", "--name", name, "--limit", LIMIT],
      /started: polling/,
    );

  // 1a. Through a worker.
  if (included("worker") || included("scheduled")) await worker("w1");
  const viaWorker = await triggerToFirstLine("bench-stamp/worker", included("worker") ? RUNS : 0, "worker");

  // 3. Scheduled runs through the same (warm) worker.
  const lateRunning: number[] = [];
  const lateFirstLine: number[] = [];
  const lateFile = join(dir, "late.stamps");
  for (let i = 0; i < SCHEDULED; i++) {
    const scheduledTime = Date.now() + AHEAD_MS;
    const tag = `late-${i}`;
    const run = await client.orchestration.createDeploymentFlowRun("bench-stamp/worker", {
      parameters: { file: lateFile, tag },
      scheduledTime,
    });
    await waitCompleted(run.id);
    const running = (await client.readFlowRunStates(run.id)).find((s) => s.name === "Running")!;
    lateRunning.push(running.timestamp - scheduledTime);
    lateFirstLine.push(stamps(lateFile).get(tag)! - scheduledTime);
    await sleep(GAP_MS);
  }
  await stopAll();

  // 1b. Through serve.
  if (included("serve")) {
    await start(["--import", "tsx", "bench/pickup/serve.ts"], /ready/);
    await sleep(1000); // the warm child loads the flow
  }
  const viaServe = await triggerToFirstLine("bench-stamp/served", included("serve") ? RUNS : 0, "serve");
  await stopAll();

  // 2. Throughput through 2 workers, after the ceiling: bare Node.js processes per second.
  const ceiling = COUNT > 0 ? await bareProcessRate(100, 4) : NaN;
  await client.orchestration.createDeployment({ ...deployment, name: "throughput" });
  const bulkWorkers = COUNT > 0 ? await Promise.all([worker("t1"), worker("t2")]) : [];
  const workersCpu = () => bulkWorkers.map((w) => processCpu(w.pid!));
  const workersBefore = workersCpu();
  const serverBefore = process.cpuUsage();
  const bulkFile = join(dir, "bulk.stamps");
  const startedAt = Date.now();
  for (let i = 0; i < COUNT; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, COUNT - i) }, (_, j) =>
        client.orchestration.createDeploymentFlowRun("bench-stamp/throughput", {
          parameters: { file: bulkFile, tag: `bulk-${i + j}` },
        }),
      ),
    );
  }
  const createdMs = Date.now() - startedAt;
  await waitFor(() => (stamps(bulkFile).size >= COUNT ? true : undefined), 30 * 60_000);
  await waitFor(async () => {
    const left = await client.readFlowRuns({
      deploymentIds: [(await client.orchestration.readDeployment("bench-stamp/throughput")).id],
      stateTypes: ["SCHEDULED", "PENDING", "RUNNING"],
      limit: 1,
    });
    return left.length === 0 ? true : undefined;
  }, 120_000);
  const throughputMs = Date.now() - startedAt;
  const serverCpu = process.cpuUsage(serverBefore);
  const workersAfter = workersCpu();
  await stopAll();

  console.log(`\nTrigger → first line of flow code, ms (runs one after another, ${GAP_MS} ms apart)`);
  console.log(
    renderTable(
      ["path", "runs", "p50", "p99", "max", "target p50"],
      [...phaseRows("worker", viaWorker, "≤ 300"), ...phaseRows("serve", viaServe, "≤ 20")],
    ),
  );
  if (SCHEDULED > 0) {
    console.log(`\nScheduled runs, ${AHEAD_MS} ms ahead, through the worker: lateness in ms`);
    console.log(
      renderTable(
        ["measure", "runs", "p50", "p99", "max", "target p50"],
        [
          row("Running − scheduled time", lateRunning, "< 100"),
          row("first line − scheduled time", lateFirstLine, ""),
        ],
      ),
    );
  }
  if (COUNT > 0) {
    console.log(`\nThroughput: ${COUNT} runs through 2 workers (--limit ${LIMIT} each)`);
    console.log(
      renderTable(
        [
          "runs",
          "created in ms",
          "all completed in ms",
          "runs/s",
          "target",
          "`node -e 0`/s",
          "runs/s ÷ that",
        ],
        [
          [
            String(COUNT),
            String(createdMs),
            String(throughputMs),
            fmt((COUNT * 1000) / throughputMs),
            "≥ 20",
            fmt(ceiling),
            fmt((COUNT * 1000) / throughputMs / ceiling),
          ],
        ],
      ),
    );
  }
  if (COUNT > 0) {
    const per = (ms: number) => fmt(ms / COUNT);
    const sum = (pick: (c: ProcessCpu) => number) =>
      workersAfter.reduce((total, after, i) => {
        const before = workersBefore[i];
        return after === undefined || before === undefined ? NaN : total + pick(after) - pick(before);
      }, 0);
    console.log("\nWhere the CPU went, ms per run (the workers' runs are the processes they reaped)");
    console.log(
      renderTable(
        ["server (and this script)", "workers", "runs' processes"],
        [
          [
            per((serverCpu.user + serverCpu.system) / 1000),
            per(sum((c) => c.selfMs)),
            per(sum((c) => c.childrenMs)),
          ],
        ],
      ),
    );
  }
  console.log(`\nload average at end: ${loadAverage()}`);
} finally {
  await stopAll();
  await client.close();
  await server.stop(1000);
  rmSync(dir, { recursive: true, force: true });
}
