/**
 * The commands that load flow files in the CLI's own process (`ordo run`, `ordo deploy`,
 * `ordo flow-run retry`) run in a Node.js started with `--experimental-import-meta-resolve`,
 * so that their flow files load compiled ahead, as in runs' processes, instead of through tsx's loader (whose
 * hooks run on a thread of their own: about 0.4 s more for `ordo run`). The `ordo` bin
 * cannot pass the option to the Node.js that runs it, so for these commands it starts
 * itself again with it, relays signals to that process and ends as it ended. The
 * relaunched process ends with it too: killed outright (SIGKILL, which cannot be
 * relayed), the launcher closes the channel it holds to that process, which then stops as
 * on SIGTERM (its run is marked Crashed) instead of running on with no one waiting.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { IMPORT_META_RESOLVE_FLAG } from "../worker/compiled/node-resolver.js";

/** The commands whose flow files load better compiled ahead. */
const FLOW_LOADING_COMMANDS: ReadonlySet<string> = new Set(["run", "deploy", "flow-run retry"]);

/** The signals relayed to the relaunched process. */
const RELAYED_SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Set in the relaunched process's environment to its launcher's pid. */
const LAUNCHER_PID_ENV = "ORDO_LAUNCHER_PID";

/** What decides whether the CLI starts itself again. */
export interface LaunchFacts {
  /** `process.argv`: Node.js, the script, then the command's arguments. */
  readonly argv: readonly string[];
  /** `process.execArgv`: the options Node.js was started with. */
  readonly execArgv: readonly string[];
  /** `NODE_OPTIONS`. */
  readonly nodeOptions: string | undefined;
  /** Whether this Node.js has the option (`process.allowedNodeEnvironmentFlags`). */
  readonly flagAllowed: boolean;
}

/**
 * The Node.js arguments to start the CLI again with, or undefined when it goes on in this
 * process: a command that does not load flow files, the option already given (or not
 * known to this Node.js), or `--help`.
 *
 * @example
 * ```ts
 * relaunchArgs({ argv: ["node", "/p/bin/ordo.js", "run", "f.ts:f"], execArgv: [], nodeOptions: undefined, flagAllowed: true });
 * // ["--experimental-import-meta-resolve", "/p/bin/ordo.js", "run", "f.ts:f"]
 * ```
 */
export function relaunchArgs(facts: LaunchFacts): string[] | undefined {
  const [, script, command, ...rest] = facts.argv;
  if (script === undefined || command === undefined) return undefined;
  if (!FLOW_LOADING_COMMANDS.has(command) && !FLOW_LOADING_COMMANDS.has(`${command} ${rest[0] ?? ""}`)) {
    return undefined;
  }
  if (!facts.flagAllowed) return undefined;
  const given = [...facts.execArgv, ...(facts.nodeOptions ?? "").split(/\s+/)];
  if (given.includes(IMPORT_META_RESOLVE_FLAG)) return undefined;
  if (rest.includes("--help") || rest.includes("-h")) return undefined;
  return [IMPORT_META_RESOLVE_FLAG, ...facts.execArgv, script, command, ...rest];
}

/**
 * Starts the CLI again when {@link relaunchArgs} says so, and then never settles: the
 * process ends with the relaunched one's exit code (or its signal). Resolves false when
 * the CLI goes on in this process.
 */
export async function relaunchIfNeeded(): Promise<false> {
  const args = relaunchArgs({
    argv: process.argv,
    execArgv: process.execArgv,
    nodeOptions: process.env["NODE_OPTIONS"],
    flagAllowed: process.allowedNodeEnvironmentFlags.has(IMPORT_META_RESOLVE_FLAG),
  });
  if (args === undefined) return false;
  const child = spawn(process.execPath, args, {
    // The channel (fd 3) closes when this process ends, however it ends: see followLauncher.
    stdio: ["inherit", "inherit", "inherit", "ipc"],
    env: { ...process.env, [LAUNCHER_PID_ENV]: String(process.pid) },
  });
  // A terminal's Ctrl-C reaches both processes; the CLI's runs take a repeated signal as one.
  const relay = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of RELAYED_SIGNALS) process.on(signal, relay);
  return new Promise<false>(() => {
    child.once("error", (error) => {
      process.stderr.write(`error: could not start ${process.execPath}: ${error.message}\n`);
      process.exit(1);
    });
    child.once("exit", (code, signal) => {
      for (const relayed of RELAYED_SIGNALS) process.off(relayed, relay);
      if (signal !== null) process.kill(process.pid, signal);
      else process.exit(code ?? 1);
    });
  });
}

/**
 * In a process the launcher started ({@link relaunchIfNeeded}): stops as on SIGTERM when
 * the launcher goes away without relaying a signal (killed with SIGKILL). Elsewhere (no
 * launcher, or a process further down that inherited the environment) it does nothing.
 * The channel does not keep the process alive.
 */
export function followLauncher(): void {
  const launcher = process.env[LAUNCHER_PID_ENV];
  if (launcher === undefined) return;
  // Not inherited by the processes this one starts (a flow's own `ordo run`, say).
  delete process.env[LAUNCHER_PID_ENV];
  if (launcher !== String(process.ppid) || process.channel === undefined) return;
  process.channel.unref();
  process.once("disconnect", () => process.kill(process.pid, "SIGTERM"));
}
