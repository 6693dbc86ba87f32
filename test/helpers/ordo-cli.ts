/**
 * Runs the real `ordo` CLI from source in a child process, with only the ORDO_ variables
 * a test gives it.
 *
 * @module
 */
import { spawn, type ChildProcess } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** What a finished CLI run printed and how it ended. */
export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** The environment without the caller's ORDO_ variables, plus `env`. */
export function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("ORDO_")));
  return { ...clean, ...env };
}

/**
 * Starts `ordo ARGS` without waiting for it: from source through tsx, or with `built`, the
 * package's own `bin/ordo.js` over `dist/` (what users run; `npm test` builds it first).
 */
export function spawnOrdo(
  args: readonly string[],
  env: Record<string, string>,
  options: { readonly built?: boolean } = {},
): ChildProcess {
  const command = options.built === true ? ["bin/ordo.js"] : ["--import", "tsx", "src/cli/run-cli.ts"];
  return spawn(process.execPath, [...command, ...args], {
    cwd: REPO_ROOT,
    env: cleanEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Runs `ordo ARGS` to the end. */
export function runOrdo(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawnOrdo(args, env);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolvePromise({ code, signal, stdout, stderr, ms: Date.now() - started }),
    );
  });
}

/** Resolves with the first match of `pattern` in the child's stdout (rejects after `timeoutMs`). */
export function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolvePromise, reject) => {
    let seen = "";
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}; saw: ${seen}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match !== null) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        resolvePromise(match);
      }
    };
    child.stdout?.on("data", onData);
    child.on("exit", () => {
      clearTimeout(timer);
      reject(new Error(`process exited before printing ${pattern}; saw: ${seen}`));
    });
  });
}
