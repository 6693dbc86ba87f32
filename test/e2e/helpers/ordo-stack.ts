/**
 * A real Ordo installation for the browser suite: `ordo server start` (the built package,
 * serving the built UI) and `ordo worker start` as child processes over a temp ORDO_HOME,
 * on loopback, plus an HTTP client of the server for seeding and checking.
 *
 * Every process is stopped in `stop()`: workers first (SIGTERM with a one-second grace, so
 * they kill their runs' process groups), then the server, then any pid a test tracked;
 * whatever does not exit in time is killed with SIGKILL.
 *
 * @module
 */
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpClient } from "../../../src/client/http-client.js";
import { REPO_ROOT, spawnOrdo, waitForOutput } from "../../helpers/ordo-cli.js";
import { alive } from "../../integration/worker/harness.js";

/** A started `ordo` process and everything it printed. */
export interface OrdoProcess {
  readonly child: ChildProcess;
  /** Everything it printed, stdout and stderr interleaved. */
  readonly output: () => string;
  readonly stdout: () => string;
  readonly exited: Promise<void>;
}

/** The running installation. */
export interface OrdoStack {
  /** The temp ORDO_HOME of every process. */
  readonly home: string;
  /** The server's base address, e.g. `http://127.0.0.1:41234` (the UI is at `/`). */
  readonly url: string;
  readonly apiUrl: string;
  readonly client: HttpClient;
  /** Runs `ordo ARGS` (the built package) against the server to the end. */
  readonly ordo: (
    args: readonly string[],
  ) => Promise<{ readonly code: number | null; readonly stdout: string; readonly output: string }>;
  /** Starts `ordo worker start --pool POOL` and resolves once it polls. */
  readonly startWorker: (pool: string) => Promise<OrdoProcess>;
  /** Kills `pid` in `stop()` if it still runs (a run's process, say). */
  readonly track: (pid: number) => void;
  /** What the server printed (for failure messages). */
  readonly serverOutput: () => string;
  readonly stop: () => Promise<void>;
}

/** Fails with what to do when the package or its UI was not built. */
export function assertBuilt(): void {
  for (const file of ["dist/cli/run-cli.js", "ui/dist/index.html"]) {
    if (!existsSync(join(REPO_ROOT, file))) {
      throw new Error(`${file} is missing: run \`npm run build\` first (npm test does)`);
    }
  }
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms).unref());

function started(child: ChildProcess): OrdoProcess {
  let output = "";
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once("exit", () => done());
  });
  return { child, output: () => output, stdout: () => stdout, exited };
}

/** Sends `signal`, waits up to `ms` for the exit, then SIGKILLs. */
async function stopProcess(proc: OrdoProcess, signal: NodeJS.Signals, ms: number): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill(signal);
  const timer = new Promise<"late">((done) => setTimeout(() => done("late"), ms).unref());
  if ((await Promise.race([proc.exited.then(() => "exited" as const), timer])) === "late") {
    proc.child.kill("SIGKILL");
    await proc.exited;
  }
}

/** Starts a server (and nothing else) over a fresh temp ORDO_HOME. */
export async function startOrdoStack(): Promise<OrdoStack> {
  assertBuilt();
  const home = mkdtempSync(join(tmpdir(), "ordo-e2e-"));
  const server = started(spawnOrdo(["server", "start", "--port", "0"], { ORDO_HOME: home }, { built: true }));
  let match: RegExpMatchArray;
  try {
    match = await waitForOutput(server.child, /UI:\s+(http:\/\/127\.0\.0\.1:\d+)\//, 30_000);
  } catch (error) {
    await stopProcess(server, "SIGKILL", 1000);
    rmSync(home, { recursive: true, force: true });
    throw new Error(`the server did not start: ${String(error)}\n${server.output()}`);
  }
  const url = match[1]!;
  const apiUrl = `${url}/api`;
  const env = { ORDO_HOME: home, ORDO_API_URL: apiUrl };
  const client = HttpClient.open({ apiUrl, outageMs: 5_000 });
  const workers: OrdoProcess[] = [];
  const tracked: number[] = [];

  return {
    home,
    url,
    apiUrl,
    client,
    async ordo(args) {
      const proc = started(spawnOrdo(args, env, { built: true }));
      await proc.exited;
      return { code: proc.child.exitCode, stdout: proc.stdout(), output: proc.output() };
    },
    async startWorker(pool) {
      const worker = started(
        spawnOrdo(["worker", "start", "--pool", pool, "--grace-seconds", "1"], env, { built: true }),
      );
      workers.push(worker);
      await waitForOutput(worker.child, /started: polling work pool/, 30_000);
      return worker;
    },
    track: (pid) => void tracked.push(pid),
    serverOutput: server.output,
    async stop() {
      // A stopping worker kills its runs after the one-second grace, then waits for its
      // pending claim (a long poll): stopping the server ends that poll.
      for (const worker of workers) worker.child.kill("SIGTERM");
      await Promise.race([Promise.all(workers.map((worker) => worker.exited)), sleep(2_500)]);
      await client.close().catch(() => undefined);
      await Promise.all([
        ...workers.map((worker) => stopProcess(worker, "SIGKILL", 1_000)),
        stopProcess(server, "SIGTERM", 5_000),
      ]);
      for (const pid of tracked) {
        if (!alive(pid)) continue;
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // Gone meanwhile.
        }
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
