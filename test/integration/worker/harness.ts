/**
 * What the worker tests share: a real server on loopback over a SQLite file in a temp
 * folder (with the background services a test asks for), an HTTP client, and the
 * processes a test starts — workers, `serve` processes and everything they start — which
 * are killed after each test, passed or failed.
 *
 * Workers run from the built package (`bin/ordo.js`), as users run them, and so do their
 * runs' children.
 *
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { isProcessAlive } from "../../../src/api/process-liveness.js";
import { HttpClient } from "../../../src/client/http-client.js";
import type { FlowRun } from "../../../src/schemas/index.js";
import { LocalFileStorage } from "../../../src/results/index.js";
import type { ServiceOptions } from "../../../src/server/services/start-services.js";
import { startServer, type RunningServer } from "../../../src/server/start-server.js";
import { openSqliteStore } from "../../../src/store/index.js";
import { cleanEnv, REPO_ROOT } from "../../helpers/ordo-cli.js";

/** The built CLI, as users run it. */
const ORDO_BIN = join(REPO_ROOT, "bin", "ordo.js");

/** The fixture flows, as an entrypoint file relative to the repository root. */
export const FLOWS = "test/fixtures/worker/flows.ts";

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** A process a test started, with its output so far. */
export interface Started {
  readonly child: ChildProcess;
  /** Everything it printed (stdout and stderr). */
  readonly output: () => string;
  /** Resolves when its output matches `pattern` (rejects after `timeoutMs` or when it exits). */
  readonly waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpMatchArray>;
  /** Resolves when it has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The pids of `root`'s descendants, read from `/proc` (children before grandchildren). */
function descendantsOf(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parentOf.set(Number(entry), Number(fields[1]));
    } catch {
      // Gone meanwhile.
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const [child, parent] of parentOf) {
      if (parent === pid) {
        out.push(child);
        queue.push(child);
      }
    }
  }
  return out;
}

function killHard(pid: number): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, "SIGKILL");
    } catch {
      // Not a group leader, or already gone.
    }
  }
}

/** True while `pid` runs (a zombie counts as gone: it has exited). */
export function alive(pid: number): boolean {
  return isProcessAlive(pid);
}

/** Polls `check` every 25 ms until it returns a value other than undefined (throws after `timeoutMs`). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

/** The test's server, client and processes. */
export interface WorkerHarness {
  /** The test's temp folder (also every process's ORDO_HOME). */
  readonly dir: string;
  readonly server: RunningServer;
  readonly client: HttpClient;
  /** Starts `ordo ARGS` from the built package against the test's server (in `cwd`, default the repository). */
  readonly ordo: (args: readonly string[], env?: Record<string, string>, cwd?: string) => Started;
  /** Starts `ordo worker start --pool POOL ARGS` (in `cwd`, default the repository) and waits until it polls. */
  readonly worker: (
    pool: string,
    args?: readonly string[],
    env?: Record<string, string>,
    cwd?: string,
  ) => Promise<Started>;
  /** Starts a TypeScript file under tsx against the test's server. */
  readonly script: (file: string, env?: Record<string, string>) => Started;
  /** Kills `pid` (and its group) after the test too. */
  readonly track: (pid: number) => void;
  /** Waits until run `id` satisfies `done` and returns it. */
  readonly waitForRun: (id: string, done: (run: FlowRun) => boolean, timeoutMs?: number) => Promise<FlowRun>;
}

/**
 * Registers hooks that give each test its own server (with `services`), client and temp
 * folder, and kill every process it started afterwards. Read the harness inside tests.
 */
export function useWorkerHarness(services: ServiceOptions = {}): () => WorkerHarness {
  let current: WorkerHarness | undefined;
  let started: Started[] = [];
  let tracked: number[] = [];

  beforeEach(async () => {
    const dir = mkdtempSync(join(tmpdir(), "ordo-worker-test-"));
    const store = await openSqliteStore({ path: join(dir, "ordo.db"), groupCommit: true });
    const server = await startServer({
      store,
      resultStorage: new LocalFileStorage(join(dir, "storage")),
      bundleStorage: new LocalFileStorage(join(dir, "storage", "bundles")),
      port: 0,
      services: {
        crashDetectionIntervalMs: 0,
        schedulerIntervalMs: 0,
        lateRunsIntervalMs: 0,
        retentionIntervalMs: 0,
        ...services,
      },
    });
    const client = HttpClient.open({ apiUrl: server.apiUrl, outageMs: 5_000 });
    const env = (extra: Record<string, string>) => ({
      ORDO_HOME: dir,
      ORDO_API_URL: server.apiUrl,
      ...extra,
    });
    const launch = (argv: readonly string[], extra: Record<string, string>, cwd = REPO_ROOT): Started => {
      const child = spawn(process.execPath, argv, {
        cwd,
        env: cleanEnv(env(extra)),
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      const listeners = new Set<() => void>();
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        for (const listener of listeners) listener();
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
        child.once("exit", (code, signal) => done({ code, signal })),
      );
      const handle: Started = {
        child,
        output: () => output,
        exited,
        waitFor: (pattern, timeoutMs = 20_000) =>
          new Promise((resolve, reject) => {
            const check = () => {
              const match = output.match(pattern);
              if (match === null) return;
              finish();
              resolve(match);
            };
            const timer = setTimeout(() => {
              finish();
              reject(new Error(`timed out waiting for ${String(pattern)}; output:\n${output}`));
            }, timeoutMs);
            const finish = () => {
              clearTimeout(timer);
              listeners.delete(check);
            };
            listeners.add(check);
            void exited.then(() => {
              check();
              if (listeners.has(check)) {
                finish();
                reject(new Error(`exited before printing ${String(pattern)}; output:\n${output}`));
              }
            });
            check();
          }),
      };
      started.push(handle);
      return handle;
    };
    current = {
      dir,
      server,
      client,
      ordo: (args, extra = {}, cwd) => launch([ORDO_BIN, ...args], extra, cwd),
      async worker(pool, args = [], extra = {}, cwd) {
        const worker = launch([ORDO_BIN, "worker", "start", "--pool", pool, ...args], extra, cwd);
        await worker.waitFor(/started: polling work pool/);
        return worker;
      },
      script: (file, extra = {}) => launch(["--import", "tsx", file], extra),
      track: (pid) => void tracked.push(pid),
      waitForRun: (id, done, timeoutMs = 20_000) =>
        eventually(
          `flow run ${id}`,
          async () => {
            const run = await client.readFlowRun(id);
            return done(run) ? run : undefined;
          },
          timeoutMs,
        ),
    };
  });

  afterEach(async () => {
    for (const handle of started) {
      const pid = handle.child.pid;
      if (pid === undefined) continue;
      for (const descendant of descendantsOf(pid).reverse()) killHard(descendant);
      killHard(pid);
    }
    for (const pid of tracked) killHard(pid);
    await Promise.all(started.map((handle) => handle.exited));
    started = [];
    tracked = [];
    if (current !== undefined) {
      await current.client.close();
      await current.server.stop(1000);
      rmSync(current.dir, { recursive: true, force: true });
    }
    current = undefined;
  });

  return () => {
    if (current === undefined) throw new Error("the worker harness is read inside a test");
    return current;
  };
}
