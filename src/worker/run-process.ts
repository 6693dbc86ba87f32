/**
 * Starting claimed runs as child processes, and stopping them.
 *
 * Each run gets its own process group (so that cancelling kills everything the flow
 * started), an IPC channel (a child whose parent dies exits), and its output streamed
 * line by line to the parent's output and into the run's logs.
 *
 * Warm children: a child started ahead of time with Ordo (and, for `serve`, the
 * deployment's entrypoint) already loaded, waiting for a run id. Taking one saves the
 * start of Node.js and the loading of modules.
 *
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process";
import { statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ClaimedFlowRun } from "../schemas/index.js";
import { importMetaResolveOptions } from "./compiled/node-resolver.js";
import type { StartRunMessage } from "./flow-run-child.js";

/**
 * The script a run's process runs: `worker/child-main.js`, or the TypeScript source under
 * tsx when Ordo itself runs from its sources (development, tests).
 */
export function childMainPath(): string {
  const here = fileURLToPath(import.meta.url);
  return join(dirname(here), here.endsWith(".ts") ? "child-main.ts" : "child-main.js");
}

/**
 * Node's arguments for running `script` (tsx's loader for TypeScript sources), with
 * `import.meta.resolve` from any module, which compiling a flow file needs.
 */
function nodeArgs(script: string): string[] {
  const loader = script.endsWith(".ts") ? ["--import", import.meta.resolve("tsx")] : [];
  return [...importMetaResolveOptions(), ...loader, script];
}

/** How a run's process is started. */
export interface ProcessSpec {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** A shell command instead of Ordo's runner (job variable `command`); gets ORDO_FLOW_RUN_ID. */
  readonly command?: string | undefined;
}

/** The process of one run. */
export interface RunProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code (or 128 + signal number) when the process ends. */
  readonly exited: Promise<number>;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Why a child could not be started, by child (its `exited` code is then 127). */
const startFailures = new WeakMap<ChildProcess, string>();

/**
 * Why the process `child` could not be started (`its working directory /x does not
 * exist`, `spawn sh ENOENT`), or undefined when it started.
 */
export function startFailureOf(child: ChildProcess): string | undefined {
  return startFailures.get(child);
}

function describeStartFailure(error: NodeJS.ErrnoException, cwd: string): string {
  // Node.js names the program, not the folder, when the folder is missing.
  if (error.code === "ENOENT" && !isDirectory(cwd)) return `its working directory ${cwd} does not exist`;
  return error.message;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function watchExit(child: ChildProcess, cwd: string): Promise<number> {
  return new Promise((done) => {
    child.once("exit", (code, signal) =>
      done(code ?? 128 + (signal === null ? 0 : (SIGNAL_NUMBERS[signal] ?? 0))),
    );
    child.on("error", (error: NodeJS.ErrnoException) => {
      // Without a pid it never started; other errors (a message to a child that is going)
      // are followed by its exit.
      if (child.pid !== undefined) return;
      startFailures.set(child, describeStartFailure(error, cwd));
      done(127);
    });
  });
}

/** The spec of a claimed run: its job's folder and environment over this process's. */
export function processSpecOf(claimed: ClaimedFlowRun, apiUrl: string | undefined): ProcessSpec {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, claimed.job.env);
  if (apiUrl !== undefined) env["ORDO_API_URL"] = apiUrl;
  env["ORDO_FLOW_RUN_ID"] = claimed.flowRun.id;
  // serve() in the entrypoint's file does nothing in a run's process (no serving recursion).
  env["ORDO_RUN_PROCESS"] = "1";
  return { cwd: claimed.job.workingDir ?? claimed.path ?? process.cwd(), env, command: claimed.job.command };
}

/** Starts a child that runs `flowRunId` right away. */
export function startRunProcess(flowRunId: string, entrypoint: string, spec: ProcessSpec): RunProcess {
  const child =
    spec.command === undefined
      ? spawn(process.execPath, [...nodeArgs(childMainPath()), flowRunId, "--entrypoint", entrypoint], {
          cwd: spec.cwd,
          env: { ...spec.env, ORDO_FLOW_RUN_ID: flowRunId },
          detached: true,
          stdio: ["ignore", "pipe", "pipe", "ipc"],
        })
      : spawn(spec.command, {
          cwd: spec.cwd,
          env: { ...spec.env, ORDO_FLOW_RUN_ID: flowRunId },
          detached: true,
          shell: true,
          stdio: ["ignore", "pipe", "pipe", "ipc"],
        });
  return { child, exited: watchExit(child, spec.cwd) };
}

/** A child waiting for a run id, with Ordo (and `preload`) loaded. */
export class WarmProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number>;
  readonly ready: Promise<boolean>;
  /** When the child was started (ms since the epoch). */
  readonly startedAt = Date.now();
  #taken = false;
  #isReady = false;

  constructor(
    readonly preload: string | undefined,
    readonly spec: ProcessSpec,
  ) {
    const args = [...nodeArgs(childMainPath()), "--warm"];
    if (preload !== undefined) args.push("--entrypoint", preload);
    const env: Record<string, string> = { ...spec.env };
    delete env["ORDO_FLOW_RUN_ID"];
    this.child = spawn(process.execPath, args, {
      cwd: spec.cwd,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    this.exited = watchExit(this.child, spec.cwd);
    this.ready = new Promise((done) => {
      this.child.once("message", () => {
        this.#isReady = true;
        done(true);
      });
      void this.exited.then(() => done(false));
    });
  }

  /** Whether the child has loaded and waits for its run (not yet given one). */
  get waiting(): boolean {
    return this.#isReady && !this.#taken && this.child.exitCode === null && this.child.connected;
  }

  /** Whether the child is still loading (started, not yet waiting for a run, not gone). */
  get loading(): boolean {
    return !this.#isReady && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Hands the run to the child; false when it is gone or already used. */
  start(message: Omit<StartRunMessage, "type">): boolean {
    if (this.#taken || this.child.exitCode !== null || !this.child.connected) return false;
    this.#taken = true;
    const send = () => {
      if (this.child.connected)
        this.child.send({ type: "ordo.start-run", ...message } satisfies StartRunMessage);
    };
    // A child still loading gets the run once it listens (a message sent earlier could be lost).
    if (this.#isReady) send();
    else
      void this.ready.then((ready) => {
        if (ready) send();
      });
    return true;
  }

  /** Stops an unused child. */
  dispose(): void {
    if (!this.#taken) killGroup(this.child, "SIGKILL");
  }
}

/** Sends `signal` to the child's process group (everything the flow started). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Stops a run's process group: SIGTERM, then SIGKILL after `graceMs` if it is still
 * there. Resolves when the process has exited.
 */
export async function stopRunProcess(run: RunProcess, graceMs: number): Promise<number> {
  killGroup(run.child, "SIGTERM");
  const timer = setTimeout(() => killGroup(run.child, "SIGKILL"), graceMs);
  const code = await run.exited;
  clearTimeout(timer);
  // The child's own children may outlive it: the group goes too.
  killGroup(run.child, "SIGKILL");
  return code;
}
