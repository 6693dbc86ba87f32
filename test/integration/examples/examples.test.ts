/**
 * The examples in examples/ are run the way the README tells users to run them: with
 * `ordo run FILE.ts:FLOW` in a child process, each test with its own fresh ORDO_HOME.
 *
 * The CLI runs from source (`node --import tsx src/cli/run-cli.ts …`), but the examples
 * import "ordo", which Node resolves through package.json "exports" to dist/. So dist/
 * must exist and match src/: `beforeAll` builds it (`node scripts/build.mjs`, ~10 s) when
 * dist/index.js is missing or older than a file in src/. (CI builds it in `npm ci`, so
 * there it is never rebuilt.)
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeClient, getClient } from "../../../src/client/get-client.js";
import { EmbeddedClient } from "../../../src/client/embedded-client.js";
import type { TaskRun } from "../../../src/index.js";

const root = resolve(import.meta.dirname, "../../..");

interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <args>` in the repository root with a clean Ordo environment plus `env`. */
function node(args: readonly string[], env: Record<string, string>): Promise<Exit> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("ORDO_")));
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { ...clean, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

const homes: string[] = [];

/** A fresh, empty ORDO_HOME for one test. */
async function freshHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), "ordo-examples-"));
  homes.push(home);
  return home;
}

/** The `ordo` CLI, from source, on `home`. */
function ordo(home: string, ...args: string[]): Promise<Exit> {
  return node(["--import", "tsx", "src/cli/run-cli.ts", ...args], { ORDO_HOME: home });
}

/** What `--json` prints for a finished run. */
interface FinalState {
  readonly flowRunId: string;
  readonly state: { readonly type: string; readonly name: string; readonly message?: string };
  readonly result?: unknown;
}

/** `ordo run ENTRYPOINT --json …`: the exit code and the printed final state. */
async function run(home: string, entrypoint: string, ...args: string[]) {
  const exit = await ordo(home, "run", entrypoint, "--json", ...args);
  if (exit.stdout === "") throw new Error(`ordo run ${entrypoint} printed nothing:\n${exit.stderr}`);
  return { code: exit.code, final: JSON.parse(exit.stdout) as FinalState, stderr: exit.stderr };
}

/** A task run, as `ordo task-run ls --json` prints it and `OrdoClient.readTaskRuns` returns it. */
type TaskRunRow = Pick<TaskRun, "id" | "taskKey" | "name" | "runCount" | "state" | "stateHistory">;

/** The task runs of a flow run, through the CLI: `ordo task-run ls --flow-run ID --json`. */
async function taskRunsFromCli(home: string, flowRunId: string): Promise<TaskRunRow[]> {
  const exit = await ordo(home, "task-run", "ls", "--flow-run", flowRunId, "--limit", "100000", "--json");
  expect(exit.code).toBe(0);
  return JSON.parse(exit.stdout) as TaskRunRow[];
}

/** The task runs of a flow run, read in this process from `home`'s database (faster than a CLI call). */
async function taskRuns(home: string, flowRunId: string): Promise<TaskRunRow[]> {
  const saved = process.env.ORDO_HOME;
  process.env.ORDO_HOME = home;
  try {
    const client = await getClient();
    return await client.readTaskRuns({ flowRunId, limit: 100_000 });
  } finally {
    await closeClient();
    if (saved === undefined) delete process.env.ORDO_HOME;
    else process.env.ORDO_HOME = saved;
  }
}

function byTask(runs: readonly TaskRunRow[]): Record<string, TaskRunRow> {
  return Object.fromEntries(runs.map((r) => [r.taskKey, r]));
}

/** True when dist/index.js is missing or older than some file in src/. */
function distIsStale(): boolean {
  const built = join(root, "dist", "index.js");
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  const sources = readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" });
  return sources.some((file) => statSync(join(root, "src", file)).mtimeMs > builtAt);
}

beforeAll(async () => {
  delete process.env.ORDO_API_URL; // the in-process reads below open the SQLite database
  if (!distIsStale()) return;
  const build = await node(["scripts/build.mjs"], {});
  // tsc still emits when src/ has type errors (those are `npm run typecheck`'s to report);
  // only a build that produced nothing stops these tests.
  if (!existsSync(join(root, "dist", "index.js"))) {
    throw new Error(`building dist/ failed (exit ${build.code}):\n${build.stdout}${build.stderr}`);
  }
}, 180_000);

afterEach(async () => {
  await Promise.all(homes.splice(0).map((home) => rm(home, { recursive: true, force: true })));
});

describe("examples/hello.ts", () => {
  it("greets the world by default and ends Completed", async () => {
    const { code, final, stderr } = await run(await freshHome(), "examples/hello.ts:hello");
    expect(code).toBe(0);
    expect(final.state.name).toBe("Completed");
    expect(final.result).toBe("Hello, world!");
    expect(stderr).toContain("Hello, world!"); // the log line, printed to stderr
  });

  it("takes the name from --param", async () => {
    const { code, final } = await run(await freshHome(), "examples/hello.ts:hello", "--param", "name=Ada");
    expect(code).toBe(0);
    expect(final.result).toBe("Hello, Ada!");
  });
});

describe("examples/etl.ts", () => {
  it("extracts, transforms and loads n numbers, and returns a summary", async () => {
    const home = await freshHome();
    const { code, final } = await run(home, "examples/etl.ts:etl", "--param", "n=5");
    expect(code).toBe(0);
    expect(final.state.name).toBe("Completed");
    expect(final.result).toMatchObject({ loaded: 5 });
    const runs = byTask(await taskRuns(home, final.flowRunId));
    expect(Object.keys(runs).sort()).toEqual(["extract", "load", "transform"]);
    for (const r of Object.values(runs)) expect(r.state.name).toBe("Completed");
  });

  it("retries the load step when its first attempt fails", async () => {
    const home = await freshHome();
    const { code, final } = await run(
      home,
      "examples/etl.ts:etl",
      "--param",
      "n=3",
      "--param",
      "flakyLoad=true",
    );
    expect(code).toBe(0);
    const load = byTask(await taskRuns(home, final.flowRunId)).load!;
    expect(load.runCount).toBe(2);
    expect(load.stateHistory.map(([, name]) => name)).toEqual([
      "Pending",
      "Running",
      "AwaitingRetry",
      "Retrying",
      "Completed",
    ]);
  });

  it("rejects an n its schema does not accept, before running anything", async () => {
    // Through the installed bin (dist/cli), as `npx ordo` runs it: the CLI from source and
    // the example's "ordo" (dist/) are two copies of Ordo, and the source CLI does not
    // recognise the other copy's OrdoError (it then exits 1 instead of 2).
    const home = await freshHome();
    const exit = await node(["bin/ordo.js", "run", "examples/etl.ts:etl", "--param", "n=-1"], {
      ORDO_HOME: home,
    });
    expect(exit.code).toBe(2);
    expect(exit.stderr).toContain("ORDO_INVALID_PARAMETERS");
  });
});

describe("examples/branching.ts", () => {
  it.each([
    { args: [], outcome: "shipped", ran: ["check-stock", "fraud-check", "ship"] },
    {
      args: ["--param", "sku=lamp", "--param", "quantity=5"],
      outcome: "backordered",
      ran: ["backorder", "check-stock", "fraud-check"],
    },
    { args: ["--param", "quantity=500"], outcome: "review", ran: ["fraud-check", "manual-review"] },
  ])("takes the $outcome branch, and only that branch runs", async ({ args, outcome, ran }) => {
    const home = await freshHome();
    const { code, final } = await run(home, "examples/branching.ts:branching", ...args);
    expect(code).toBe(0);
    expect(final.state.name).toBe("Completed");
    expect(final.result).toMatchObject({ outcome });
    const runs = await taskRuns(home, final.flowRunId);
    expect(runs.map((r) => r.taskKey).sort()).toEqual(ran);
  });
});

describe("examples/map-reduce.ts", () => {
  it("maps a task over 1,000 items and reduces the results", async () => {
    const home = await freshHome();
    const { code, final } = await run(home, "examples/map-reduce.ts:mapReduce");
    expect(code).toBe(0);
    expect(final.state.name).toBe("Completed");
    const expected = Array.from({ length: 1000 }, (_, i) => (i % 7) * 2).reduce((a, b) => a + b, 0);
    expect(final.result).toEqual({ items: 1000, total: expected });
    const runs = await taskRuns(home, final.flowRunId);
    expect(runs.filter((r) => r.taskKey === "score")).toHaveLength(1000);
    expect(runs.filter((r) => r.taskKey === "sum")).toHaveLength(1);
    expect(runs.every((r) => r.state.name === "Completed")).toBe(true);
  });
});

describe("examples/retry-and-resume.ts", () => {
  it("fails at publish, then `ordo flow-run retry` completes it without rerunning the completed steps", async () => {
    const home = await freshHome();

    const first = await run(home, "examples/retry-and-resume.ts:retryAndResume");
    expect(first.code).toBe(1);
    expect(first.final.state.name).toBe("Failed");
    expect(first.final.state.message).toContain("the publisher is down");
    const id = first.final.flowRunId;
    const before = byTask(await taskRunsFromCli(home, id));
    expect(before.download!.state.name).toBe("Completed");
    expect(before.transform!.state.name).toBe("Completed");
    expect(before.publish!.state.name).toBe("Failed");

    const retry = await ordo(home, "flow-run", "retry", id, "--json");
    expect(retry.code).toBe(0);
    const retried = JSON.parse(retry.stdout) as FinalState;
    expect(retried.flowRunId).toBe(id);
    expect(retried.state.name).toBe("Completed");
    expect(retried.result).toEqual({ published: 3 });

    const after = byTask(await taskRunsFromCli(home, id));
    expect(Object.keys(after).sort()).toEqual(["download", "publish", "transform"]);
    // The completed steps were reused: same task runs, untouched, run once.
    for (const step of ["download", "transform"]) {
      expect(after[step]).toEqual(before[step]);
      expect(after[step]!.runCount).toBe(1);
    }
    // The failed step ran again, in the same task run.
    expect(after.publish!.id).toBe(before.publish!.id);
    expect(after.publish!.runCount).toBe(2);
    expect(after.publish!.state.name).toBe("Completed");

    const inspect = await ordo(home, "flow-run", "inspect", id, "--json");
    const history = (JSON.parse(inspect.stdout) as { stateHistory: { name: string }[] }).stateHistory;
    expect(history.map((s) => s.name)).toEqual(["Pending", "Running", "Failed", "Retrying", "Completed"]);
  });
});

describe("approval", () => {
  it("pauses for a decision, refuses an invalid one, and pays once approved", async () => {
    const home = await freshHome();
    const running = ordo(home, "run", "examples/approval.ts:approval", "--param", "amount=250", "--json");
    const client = await EmbeddedClient.open({ path: join(home, "ordo.db") });
    try {
      let paused: string | undefined;
      for (let i = 0; i < 200 && paused === undefined; i++) {
        const [run] = await client.readFlowRuns({ stateTypes: ["PAUSED"], limit: 1 }).catch(() => []);
        paused = run?.id;
        if (paused === undefined) await new Promise((done) => setTimeout(done, 100));
      }
      expect(paused).toBeDefined();
      await expect(client.resumeFlowRun(paused!, { approved: "yes" })).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
      });
      await client.resumeFlowRun(paused!, { approved: true, by: "Ada" });
    } finally {
      await client.close();
    }
    const exit = await running;
    expect(exit.code).toBe(0);
    expect(JSON.parse(exit.stdout)).toMatchObject({
      state: { name: "Completed" },
      result: "paid 250 EUR, approved by Ada",
    });
  });
});

describe("every example", () => {
  it("runs nothing when it is imported (so `ordo run` and retries can load it)", async () => {
    const home = await freshHome();
    const files = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".ts"));
    expect(files.sort()).toEqual([
      "approval.ts",
      "branching.ts",
      "etl.ts",
      "hello.ts",
      "map-reduce.ts",
      "retry-and-resume.ts",
    ]);
    const imports = files.map((f) => `await import("./examples/${f}");`).join("\n");
    const exit = await node(["--import", "tsx", "--input-type=module", "-e", imports], { ORDO_HOME: home });
    expect(exit.code).toBe(0);
    expect(exit.stdout).toBe("");
    expect(exit.stderr).toBe("");
    expect(readdirSync(home)).toEqual([]); // no database was even opened
  });
});
