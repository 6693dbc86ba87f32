/**
 * The real server for the UI benchmarks: `node bin/ordo.js server start` (the built CLI,
 * serving `ui/dist`) on a free loopback port with a given `ORDO_HOME`, and flows run
 * against it with `ordo run`.
 *
 * @module
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, "../..");

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Waits until `url` answers 200 (or `child` exits, or 30 s pass). */
export async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`the server did not answer at ${url}`);
}

/** Throws unless `npm run build` has made the CLI and the UI. */
export function requireBuild(): void {
  if (
    !existsSync(join(ROOT, "dist", "cli", "main.js")) ||
    !existsSync(join(ROOT, "ui", "dist", "index.html"))
  ) {
    throw new Error("run `npm run build` first (the server serves dist/ and ui/dist)");
  }
}

/** A running `ordo server start`. */
export interface CliServer {
  /** `http://127.0.0.1:PORT` (the UI; the API is under `/api`). */
  readonly base: string;
  /** The environment that points `ordo` commands at it. */
  readonly env: NodeJS.ProcessEnv;
  readonly child: ChildProcess;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `ordo server start` with `home` as `ORDO_HOME` and `settings` (e.g.
 * `ORDO_CRASH_DETECTION_INTERVAL_SECONDS`) in its environment; resolves once it answers.
 */
export async function startCliServer(
  home: string,
  settings: Record<string, string> = {},
): Promise<CliServer> {
  requireBuild();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    ORDO_HOME: home,
    ORDO_API_URL: `${base}/api`,
    ORDO_LOGGING_LEVEL: "warning",
    ...settings,
  };
  const child = spawn(process.execPath, ["bin/ordo.js", "server", "start", "--port", String(port)], {
    cwd: ROOT,
    env,
    stdio: "ignore",
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once("exit", done));
    child.kill("SIGTERM");
    await exited;
  };
  try {
    await waitForServer(`${base}/api/health`, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, env, child, stop };
}

/**
 * Runs `examples/map-reduce.ts` with `tasks` items against `server` (`tasks` mapped task
 * runs and one reduce fed by all of them); returns the flow run id and how long it took.
 */
export function runMapReduce(server: CliServer, tasks: number): { runId: string; ms: number } {
  const started = Date.now();
  const run = spawnSync(
    process.execPath,
    ["bin/ordo.js", "run", "examples/map-reduce.ts:mapReduce", "--param", `items=${tasks}`],
    { cwd: ROOT, env: server.env, encoding: "utf8" },
  );
  const runId = /Flow run ([0-9a-f-]{36}) finished/.exec(`${run.stdout}${run.stderr}`)?.[1];
  if (runId === undefined) throw new Error(`the flow did not run:\n${run.stdout}\n${run.stderr}`);
  return { runId, ms: Date.now() - started };
}
