/**
 * Code for workers on other machines, as users run it: `ordo deploy --source bundle`
 * (or `--source git`) from a project folder against a real server, then a worker started
 * in ANOTHER folder (its own environment, with `ordo` and `zod` installed, and its own
 * ORDO_HOME) runs the deployment's run from the downloaded bundle (or the cloned
 * repository). A damaged bundle fails the run, not the worker.
 *
 * Everything is the built package (`bin/ordo.js`), a real git binary with a repository
 * in a temp folder (`file://`), and loopback only.
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FlowRun } from "../../../src/schemas/index.js";
import { REPO_ROOT } from "../../helpers/ordo-cli.js";
import { eventually, useWorkerHarness, type Started } from "./harness.js";

const harness = useWorkerHarness();

/** The flow of the project under test: a relative import, a package import, a print. */
const FLOW = (greeting: string) => `import { z } from "zod";
import { flow } from "ordo";
import { shout } from "./lib/shout.js";

export const greet = flow(
  { name: "remote-greet", params: z.object({ name: z.string() }) },
  async ({ name }) => {
    console.log(\`${greeting}, \${name} from \${process.cwd()}\`);
    return shout(name);
  },
);
`;

let scratch: string;
/** The project that is deployed (its own node_modules: ordo and zod, as npm would make it). */
let project: string;
/** The worker's folder: another place, with its own packages and ORDO_HOME. */
let workerDir: string;
let workerHome: string;

/** Writes `files` (path → content) under `root`. */
function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** `node_modules` with `ordo` (this package, built) and `zod`, as `npm install ordo zod` makes it. */
function installPackages(folder: string): void {
  mkdirSync(join(folder, "node_modules"), { recursive: true });
  symlinkSync(REPO_ROOT, join(folder, "node_modules", "ordo"));
  symlinkSync(join(REPO_ROOT, "node_modules", "zod"), join(folder, "node_modules", "zod"));
}

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), "ordo-sources-"));
  project = join(scratch, "project");
  write(project, {
    "package.json": JSON.stringify({ name: "remote-project", type: "module" }),
    "flows/greet.ts": FLOW("hello"),
    "flows/lib/shout.ts": "export const shout = (s: string): string => s.toUpperCase();\n",
    ".gitignore": "node_modules/\nsecret.txt\n",
    "secret.txt": "not for workers",
  });
  installPackages(project);
  workerDir = join(scratch, "worker");
  workerHome = join(workerDir, "home");
  mkdirSync(workerHome, { recursive: true });
  installPackages(workerDir);
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `ordo deploy flows/greet.ts:greet --name NAME --pool remote ARGS` in the project folder to its end. */
async function deployGreet(
  name: string,
  args: readonly string[],
): Promise<{ code: number | null; output: string; hash: string | undefined }> {
  const started: Started = harness().ordo(
    ["deploy", "flows/greet.ts:greet", "--name", name, "--pool", "remote", ...args],
    {},
    project,
  );
  const { code } = await started.exited;
  const output = started.output();
  return { code, output, hash: /bundle ([0-9a-f]{64})/.exec(output)?.[1] };
}

/** Starts a worker of the pool `remote` in the worker's folder, with its own ORDO_HOME. */
function startWorker(): Promise<Started> {
  return harness().worker("remote", ["--name", "remote"], { ORDO_HOME: workerHome }, workerDir);
}

/** Creates a run of `deployment` for `name` and waits until it is Completed or Failed. */
async function runToEnd(deployment: string, name: string): Promise<FlowRun> {
  const { client, waitForRun } = harness();
  const created = await client.orchestration.createDeploymentFlowRun(deployment, { parameters: { name } });
  return waitForRun(created.id, (r) => r.state.type === "COMPLETED" || r.state.type === "FAILED", 30_000);
}

function git(cwd: string, ...args: string[]): string {
  const identity = ["-c", "user.name=Ordo Test", "-c", "user.email=test@ordo.invalid"];
  const result = spawnSync("git", [...identity, ...args], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** The run's logs, once they hold a line matching `pattern`. */
async function logLine(flowRunId: string, pattern: RegExp): Promise<string> {
  return eventually(`a log line matching ${String(pattern)}`, async () => {
    const logs = await harness().client.readLogs({ flowRunId });
    return logs.find((l) => pattern.test(l.message))?.message;
  });
}

beforeEach(async () => {
  await harness().client.orchestration.createWorkPool({ name: "remote", type: "process" });
});

describe("a deployment with a bundle source", { timeout: 90_000 }, () => {
  it("is uploaded by `ordo deploy --source bundle` and run to Completed by a worker in another folder", async () => {
    const deployed = await deployGreet("bundled", ["--source", "bundle"]);
    expect(deployed.code, deployed.output).toBe(0);
    expect(deployed.output).toMatch(/bundle [0-9a-f]{64} of .* uploaded: 4 files/);
    expect(deployed.output).toContain("deployed remote-greet/bundled to pool remote");
    const hash = deployed.hash!;
    const deployment = await harness().client.orchestration.readDeployment("remote-greet/bundled");
    expect(deployment).toMatchObject({
      entrypoint: "flows/greet.ts:greet",
      source: { kind: "bundle", hash },
    });
    expect(deployment.path).toBeUndefined();

    // Deploying the same files again uploads nothing.
    const again = await deployGreet("bundled", ["--source", "bundle"]);
    expect(again.output).toContain(`bundle ${hash} of ${project} is on the server already`);

    await startWorker();
    const run = await runToEnd("remote-greet/bundled", "Ada");
    expect(run.state.type, run.state.message).toBe("COMPLETED");
    const cached = join(workerHome, "bundles", hash);
    expect(await logLine(run.id, /^hello, Ada from /)).toBe(`hello, Ada from ${cached}`);
    expect(readFileSync(join(cached, "flows/lib/shout.ts"), "utf8")).toContain("toUpperCase");
    expect(existsSync(join(cached, "secret.txt"))).toBe(false);
    // Packages come from the worker's own environment.
    expect(lstatSync(join(cached, "node_modules")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(cached, "node_modules"))).toBe(join(workerDir, "node_modules"));
  });

  it("is made from code too: flow.deploy({ source: { kind: 'bundle' } }) uploads the flow's project", async () => {
    const options = `{ name: "from-code", workPool: "remote", path: ${JSON.stringify(project)}, source: { kind: "bundle" } }`;
    write(project, {
      "deploy.ts": `import { greet } from "./flows/greet.js";
const d = await greet.deploy(${options});
console.log("DEPLOYED " + JSON.stringify({ entrypoint: d.entrypoint, source: d.source }));
`,
    });
    const deploying = harness().script(join(project, "deploy.ts"));
    const line = await deploying.waitFor(/DEPLOYED (.*)/, 30_000);
    const deployed = JSON.parse(line[1]!) as { entrypoint: string; source: { kind: string; hash: string } };
    expect(deployed).toMatchObject({ entrypoint: "flows/greet.ts:remote-greet", source: { kind: "bundle" } });
    expect((await deploying.exited).code).toBe(0);
    await startWorker();
    const run = await runToEnd("remote-greet/from-code", "Di");
    expect(run.state.type, run.state.message).toBe("COMPLETED");
    const cached = join(workerHome, "bundles", deployed.source.hash);
    expect(await logLine(run.id, /^hello, Di/)).toBe(`hello, Di from ${cached}`);
  });

  it("fails a run whose downloaded bundle does not match its hash, with the reason in its state and logs; the worker goes on", async () => {
    const hash = (await deployGreet("bundled", ["--source", "bundle"])).hash!;
    // The server's copy gets damaged.
    const stored = join(harness().dir, "storage", "bundles", `${hash}.tar.gz`);
    const bytes = readFileSync(stored);
    bytes.fill(0, 100, 200);
    writeFileSync(stored, bytes);

    const worker = await startWorker();
    const failed = await runToEnd("remote-greet/bundled", "Bo");
    expect(failed.state.type).toBe("FAILED");
    expect(failed.state.message).toContain("the run's code could not be fetched");
    expect(failed.state.message).toContain(`not the bundle's hash ${hash}: the bytes are corrupt`);
    expect(failed.state.message).toContain("ORDO_BUNDLE_HASH_MISMATCH");
    expect(await logLine(failed.id, /could not be fetched/)).toContain("ORDO_BUNDLE_HASH_MISMATCH");
    await worker.waitFor(/code could not be fetched/);
    expect(worker.child.exitCode).toBeNull();
    expect(existsSync(join(workerHome, "bundles", hash))).toBe(false);

    // Deploying again finds the server's copy damaged and uploads it; the next run completes.
    expect((await deployGreet("bundled", ["--source", "bundle"])).output).toContain(
      `bundle ${hash} of ${project} uploaded`,
    );
    const done = await runToEnd("remote-greet/bundled", "Cy");
    expect(done.state.type, done.state.message).toBe("COMPLETED");
  });

  it("does not use a damaged cached copy: it is downloaded and unpacked again", async () => {
    const hash = (await deployGreet("b", ["--source", "bundle"])).hash!;
    const firstWorker = await startWorker();
    expect((await runToEnd("remote-greet/b", "A")).state.type).toBe("COMPLETED");
    firstWorker.child.kill("SIGTERM");
    await firstWorker.exited;
    const cached = join(workerHome, "bundles", hash);
    // Half a copy, found by the next worker: its marker and a file are gone.
    rmSync(join(cached, ".ordo-bundle"));
    rmSync(join(cached, "flows/lib/shout.ts"));
    await startWorker();
    const run = await runToEnd("remote-greet/b", "B");
    expect(run.state.type, run.state.message).toBe("COMPLETED");
    expect(readFileSync(join(cached, ".ordo-bundle"), "utf8").trim()).toBe(hash);
    expect(existsSync(join(cached, "flows/lib/shout.ts"))).toBe(true);
  });
});

describe("a deployment with a git source", { timeout: 90_000 }, () => {
  it("is cloned by the worker from the repository and runs the branch's latest commit", async () => {
    git(project, "init", "--quiet", "--initial-branch", "main");
    git(project, "add", ".");
    git(project, "commit", "--quiet", "-m", "first");
    const url = `file://${project}`;
    const deployed = await deployGreet("cloned", ["--source", "git", "--git-url", url, "--git-ref", "main"]);
    expect(deployed.code, deployed.output).toBe(0);
    expect(deployed.output).toContain(`workers clone ${url} at main`);
    const deployment = await harness().client.orchestration.readDeployment("remote-greet/cloned");
    expect(deployment).toMatchObject({
      entrypoint: "flows/greet.ts:greet",
      source: { kind: "git", url, ref: "main" },
    });

    await startWorker();
    const run = await runToEnd("remote-greet/cloned", "Ada");
    expect(run.state.type, run.state.message).toBe("COMPLETED");
    const commit = git(project, "rev-parse", "HEAD");
    expect(await logLine(run.id, /^hello, Ada/)).toMatch(
      new RegExp(`^hello, Ada from ${workerHome}/git/[0-9a-f]+/${commit}$`),
    );

    // A new commit on the branch: the next run fetches it and runs it.
    write(project, { "flows/greet.ts": FLOW("good evening") });
    git(project, "commit", "--quiet", "-am", "second");
    const next = await runToEnd("remote-greet/cloned", "Bo");
    expect(next.state.type, next.state.message).toBe("COMPLETED");
    expect(await logLine(next.id, /^good evening, Bo/)).toContain(git(project, "rev-parse", "HEAD"));
  });

  it("fails a run whose repository cannot be fetched, saying why", async () => {
    await harness().client.orchestration.createDeployment({
      flowName: "remote-greet",
      name: "nowhere",
      entrypoint: "flows/greet.ts:greet",
      workPoolName: "remote",
      source: { kind: "git", url: `file://${join(scratch, "no-such-repo")}`, ref: "main" },
    });
    await startWorker();
    const run = await runToEnd("remote-greet/nowhere", "x");
    expect(run.state.type).toBe("FAILED");
    expect(run.state.message).toMatch(
      /code could not be fetched: git .* fetch .* failed: it exited with code 128/,
    );
    expect(run.state.message).toContain("ORDO_SOURCE_UNAVAILABLE");
  });
});
