/**
 * Running `git` for a worker: the binary with an argument list (never a shell), a
 * timeout, no terminal prompts, and errors that never show credentials of the
 * repository URL.
 *
 * @module
 */
import { spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { OrdoError } from "../errors/ordo-error.js";
import { redactGitText } from "./redact-git-url.js";

/** How to run one git command. */
export interface GitCommandOptions {
  /** The repository URL in the arguments, whose credentials are hidden in every message. */
  readonly url?: string | undefined;
  /** Default 120 000 ms. */
  readonly timeoutMs?: number | undefined;
  /** Takes standard output, resolving once it is used up (default: collected and returned). */
  readonly stdout?: ((output: Readable) => Promise<void>) | undefined;
}

const MAX_OUTPUT = 64 * 1024;

/**
 * Runs `git ARGS` and resolves with its standard output (unless `stdout` takes it);
 * rejects with `ORDO_SOURCE_UNAVAILABLE` naming the command (credentials hidden), its
 * exit and the end of its error output.
 *
 * @example
 * ```ts
 * const sha = await runGit(["--git-dir", repo, "rev-parse", "HEAD"], { url });
 * ```
 */
export async function runGit(args: readonly string[], options: GitCommandOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const child = spawn("git", [...args], {
    stdio: ["ignore", "pipe", "pipe"],
    timeout: timeoutMs,
    killSignal: "SIGKILL",
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "", SSH_ASKPASS: "" },
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-MAX_OUTPUT);
  });
  const piped =
    options.stdout === undefined
      ? new Promise<void>((done) => {
          child.stdout.on("data", (chunk: Buffer) => {
            if (stdout.length < MAX_OUTPUT) stdout += chunk.toString();
          });
          child.stdout.once("close", done);
        })
      : options.stdout(child.stdout).catch((error: unknown) => {
          child.kill("SIGKILL");
          throw error;
        });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>(
    (done) => {
      child.once("error", (error) => done({ code: null, signal: null, error }));
      child.once("close", (code, signal) => done({ code, signal }));
    },
  );
  const [pipedResult, exit] = await Promise.all([
    piped.then(
      () => undefined,
      (error: unknown) => error,
    ),
    exited,
  ]);
  if (exit.code === 0 && pipedResult === undefined) return stdout;
  const redact = (text: string) => (options.url === undefined ? text : redactGitText(text, options.url));
  const command = redact(`git ${args.join(" ")}`);
  const why =
    exit.error !== undefined
      ? `could not start git (${exit.error.message}): is git installed on the worker?`
      : exit.signal !== null
        ? `it was stopped after ${Math.round(timeoutMs / 1000)} s (${exit.signal})`
        : exit.code !== 0
          ? `it exited with code ${exit.code}`
          : `its output could not be used: ${pipedResult instanceof Error ? pipedResult.message : String(pipedResult)}`;
  const detail = redact(stderr.trim().split("\n").slice(-5).join(" / "));
  throw new OrdoError(
    "ORDO_SOURCE_UNAVAILABLE",
    `${command} failed: ${why}${detail === "" ? "" : `: ${detail}`}`,
    { exitCode: exit.code },
  );
}
