/**
 * `ordo work-pool`, `ordo deploy` (flags and ordo.yaml), `ordo deployment` and
 * `ordo flow-run cancel|delete|set-state`, as a user runs them: the built CLI against a real
 * server on loopback.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../../src/server/start-server.js";
import { cleanEnv, REPO_ROOT, type CliResult } from "../../helpers/ordo-cli.js";
import { startTestServer } from "../../helpers/test-server.js";

let home: string;
let server: RunningServer;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "ordo-cli-deploy-"));
  server = await startTestServer(join(home, "server"));
});
afterAll(async () => {
  await server.stop();
  await rm(home, { recursive: true, force: true });
});

/** Runs the built `ordo` (bin/ordo.js) against the test server. */
function ordo(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["bin/ordo.js", ...args], {
      cwd: REPO_ROOT,
      env: cleanEnv({ ORDO_HOME: join(home, "cli"), ORDO_API_URL: server.apiUrl, ...env }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, ms: Date.now() - started }));
  });
}

describe("ordo work-pool", () => {
  it("creates, lists, inspects, pauses, resumes and deletes a pool", async () => {
    expect((await ordo(["work-pool", "create", "cli-pool", "--concurrency", "2"])).stdout).toBe(
      "created work pool cli-pool (process)\n",
    );
    const list = JSON.parse((await ordo(["work-pool", "ls", "--json"])).stdout) as { name: string }[];
    expect(list.map((p) => p.name)).toContain("cli-pool");
    for (const beat of [{ name: "w-up" }, { name: "w-down", stopped: true }]) {
      const answer = await fetch(`${server.apiUrl}/work_pools/cli-pool/workers/heartbeat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(beat),
      });
      expect(answer.status).toBe(204);
    }
    const inspect = await ordo(["work-pool", "inspect", "cli-pool"]);
    expect(inspect.stdout).toMatch(/Concurrency:\s+2/);
    expect(inspect.stdout).toMatch(/Status:\s+READY/);
    expect(inspect.stdout).toContain("default");
    expect(inspect.stdout).toMatch(/w-up\s+ONLINE\s/);
    expect(inspect.stdout).toMatch(/w-down\s+OFFLINE \(stopped\)\s/);
    expect((await ordo(["work-pool", "pause", "cli-pool"])).stdout).toBe("work pool cli-pool is PAUSED\n");
    expect((await ordo(["work-pool", "resume", "cli-pool"])).stdout).toBe("work pool cli-pool is READY\n");
    const bad = await ordo(["work-pool", "create", "x", "--concurrency", "lots"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--concurrency must be a whole number");
    const kubernetes = await ordo(["work-pool", "create", "k8s", "--type", "kubernetes"]);
    expect(kubernetes.code).toBe(2);
    expect(kubernetes.stderr).toContain(
      'type: "kubernetes" is not a work pool type of this version: use "process" (Kubernetes pools come later)',
    );
    expect((await ordo(["work-pool", "delete", "cli-pool"])).code).toBe(0);
    expect((await ordo(["work-pool", "inspect", "cli-pool"])).code).toBe(1);
  });

  it("sets and clears a pool's concurrency limit", async () => {
    await ordo(["work-pool", "create", "limited-pool"]);
    expect((await ordo(["work-pool", "set-concurrency-limit", "limited-pool", "3"])).stdout).toBe(
      "work pool limited-pool: at most 3 runs at once\n",
    );
    expect((await ordo(["work-pool", "inspect", "limited-pool"])).stdout).toMatch(/Concurrency:\s+3\n/);
    const bad = await ordo(["work-pool", "set-concurrency-limit", "limited-pool", "-1"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('the limit must be a whole number ≥ 0, got "-1"');
    expect((await ordo(["work-pool", "clear-concurrency-limit", "limited-pool"])).stdout).toBe(
      "work pool limited-pool: no concurrency limit\n",
    );
    expect((await ordo(["work-pool", "inspect", "limited-pool"])).stdout).toMatch(
      /Concurrency:\s+unlimited\n/,
    );
    const missing = await ordo(["work-pool", "set-concurrency-limit", "no-such-pool", "3"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("ORDO_NOT_FOUND");
  });
});

describe("a work pool's base job template", () => {
  it("prints the default, creates and updates a pool with its own, and checks job variables against it", async () => {
    const template = JSON.parse((await ordo(["work-pool", "get-default-base-job-template"])).stdout) as {
      variables: { properties: Record<string, unknown> };
    };
    expect(Object.keys(template.variables.properties).sort()).toEqual(["command", "env", "workingDir"]);
    const otherType = await ordo(["work-pool", "get-default-base-job-template", "--type", "kubernetes"]);
    expect(otherType.code).toBe(2);
    expect(otherType.stderr).toContain('--type: "kubernetes" is not a work pool type of this version');

    // A pool whose runs get REGION=eu unless their deployment sets env, and cannot change the command.
    const restricted = {
      variables: {
        type: "object",
        additionalProperties: false,
        properties: {
          env: { type: "object", additionalProperties: { type: "string" }, default: { REGION: "eu" } },
          workingDir: { type: "string" },
        },
      },
    };
    const file = join(home, "template.json");
    await writeFile(file, JSON.stringify(restricted));
    expect((await ordo(["work-pool", "create", "templated", "--base-job-template", file])).code).toBe(0);
    expect((await ordo(["work-pool", "inspect", "templated"])).stdout).toMatch(
      /Job variables:\s+env \(default \{"REGION":"eu"\}\), workingDir\n/,
    );
    const deploy = (jobVariable: string) =>
      ordo([
        "deploy",
        "examples/hello.ts:hello",
        "--name",
        "templated",
        "--pool",
        "templated",
        "--job-variable",
        jobVariable,
      ]);
    const refused = await deploy("command=node other.js");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("invalid jobVariables: command: is not allowed");

    // Prefect's template shape is read too; its job_configuration is not used, and it says so.
    const prefectShaped = join(home, "prefect-template.json");
    await writeFile(
      prefectShaped,
      JSON.stringify({ job_configuration: { command: "{{ command }}" }, ...template }),
    );
    const updated = await ordo(["work-pool", "update", "templated", "--base-job-template", prefectShaped]);
    expect(updated.stdout).toBe("updated work pool templated\n");
    expect(updated.stderr).toContain("job_configuration is not used");
    expect((await deploy("command=node other.js")).code).toBe(0);
  });

  it.each([
    ["missing.json", null, "cannot be read (ENOENT)"],
    ["not-json.json", "{ variables:", "is not JSON"],
    ["no-variables.json", JSON.stringify({ job_configuration: {} }), 'needs "variables"'],
  ])("refuses %s with exit 2 and creates no pool", async (name, content, message) => {
    const file = join(home, name);
    if (content !== null) await writeFile(file, content);
    const result = await ordo(["work-pool", "create", "bad-template", "--base-job-template", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --base-job-template /);
    expect(result.stderr).toContain(`--base-job-template ${file}: ${message}`);
    expect(result.stderr).toMatch(/\(ORDO_INVALID_INPUT\)\n$/);
    expect((await ordo(["work-pool", "inspect", "bad-template"])).stderr).toContain("ORDO_NOT_FOUND");
  });

  it("refuses an update that changes nothing, and a schema that is not one", async () => {
    await ordo(["work-pool", "create", "to-update"]);
    const nothing = await ordo(["work-pool", "update", "to-update"]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toBe(
      "error: give --base-job-template FILE or --description TEXT (ORDO_INVALID_INPUT)\n",
    );
    const file = join(home, "bad-schema.json");
    await writeFile(file, JSON.stringify({ variables: { type: "no-such-type" } }));
    const bad = await ordo(["work-pool", "update", "to-update", "--base-job-template", file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("baseJobTemplate.variables");
  });
});

describe("ordo work-queue", () => {
  it("creates (with Prefect's --limit), inspects, reprioritises, limits and deletes a queue", async () => {
    await ordo(["work-pool", "create", "queue-cli"]);
    expect((await ordo(["work-queue", "create", "urgent", "-p", "queue-cli", "--limit", "2"])).stdout).toBe(
      "created queue urgent in queue-cli (priority 2)\n",
    );
    const inspect = await ordo(["work-queue", "inspect", "urgent", "--pool", "queue-cli"]);
    expect(inspect.stdout).toMatch(/Pool:\s+queue-cli\n/);
    expect(inspect.stdout).toMatch(/Priority:\s+2\n/);
    expect(inspect.stdout).toMatch(/Concurrency:\s+2\n/);
    const badPriority = await ordo(["work-queue", "set-priority", "urgent", "0", "--pool", "queue-cli"]);
    expect(badPriority.code).toBe(2);
    expect(badPriority.stderr).toContain('the priority must be a whole number ≥ 1, got "0"');
    expect((await ordo(["work-queue", "set-priority", "urgent", "1", "--pool", "queue-cli"])).stdout).toBe(
      "queue urgent of queue-cli: priority 1\n",
    );
    expect(
      (await ordo(["work-queue", "set-concurrency-limit", "urgent", "5", "--pool", "queue-cli"])).stdout,
    ).toBe("queue urgent of queue-cli: at most 5 runs at once\n");
    const json = JSON.parse(
      (await ordo(["work-queue", "inspect", "urgent", "-p", "queue-cli", "--json"])).stdout,
    ) as {
      priority: number;
      concurrencyLimit?: number;
    };
    expect(json).toMatchObject({ priority: 1, concurrencyLimit: 5 });
    expect((await ordo(["work-queue", "clear-concurrency-limit", "urgent", "-p", "queue-cli"])).stdout).toBe(
      "queue urgent of queue-cli: no concurrency limit\n",
    );
    expect((await ordo(["work-queue", "inspect", "urgent", "-p", "queue-cli"])).stdout).toMatch(
      /Concurrency:\s+unlimited\n/,
    );

    const both = await ordo([
      "work-queue",
      "create",
      "x",
      "-p",
      "queue-cli",
      "--limit",
      "1",
      "--concurrency",
      "1",
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("give --concurrency or --limit, not both");
    const zeroPriority = await ordo(["work-queue", "create", "y", "-p", "queue-cli", "--priority", "0"]);
    expect(zeroPriority.code).toBe(2);
    expect(zeroPriority.stderr).toContain('--priority must be a whole number ≥ 1, got "0"');
    await ordo(["work-queue", "set-priority", "default", "3", "-p", "queue-cli"]);
    const listed = JSON.parse((await ordo(["work-queue", "ls", "-p", "queue-cli", "--json"])).stdout) as {
      name: string;
      priority: number;
    }[];
    expect(listed.map((q) => [q.name, q.priority])).toEqual([
      ["urgent", 1],
      ["default", 3],
    ]);
    const unknown = await ordo(["work-queue", "inspect", "nope", "-p", "queue-cli"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("ORDO_NOT_FOUND");
  });
});

/** `ordo deploy` of hello as `morning` to the pool `cli-runs`, at 07:30 Berlin time. */
function deployMorning(): Promise<CliResult> {
  const schedule = ["--cron", "30 7 * * *", "--timezone", "Europe/Berlin"];
  return ordo(["deploy", "examples/hello.ts:hello", "--name", "morning", "--pool", "cli-runs", ...schedule]);
}

describe("ordo deploy and ordo deployment", () => {
  it("refuses to deploy to a pool that does not exist", async () => {
    const deployed = await deployMorning();
    // The pool does not exist yet.
    expect(deployed.code).toBe(1);
    expect(deployed.stderr).toBe("error: no work pool named cli-runs (ORDO_NOT_FOUND)\n");
  });

  it("deploys to an existing pool, lists, inspects, runs, cancels and backfills", async () => {
    await ordo(["work-pool", "create", "cli-runs"]);
    const deployed = await deployMorning();
    expect(deployed.stdout).toContain(
      "deployed hello/morning to pool cli-runs (at 07:30 every day (Europe/Berlin))",
    );
    const list = await ordo(["deployment", "ls"]);
    expect(list.stdout).toMatch(
      /hello\/morning\s+cli-runs\s+at 07:30 every day \(Europe\/Berlin\)\s+NOT_READY/,
    );
    const inspect = await ordo(["deployment", "inspect", "hello/morning"]);
    expect(inspect.stdout).toContain("Next runs");
    // Each schedule with the id that `ordo deployment schedule pause|resume|delete` takes.
    expect(inspect.stdout).toMatch(
      /Schedules\nID\s+SCHEDULE\s+ACTIVE\s+SLUG\s+PARAMETERS\n[0-9a-f-]{36}\s+at 07:30 every day \(Europe\/Berlin\)\s+yes\s+-\s+\{\}\n/,
    );
    expect(inspect.stdout).toMatch(new RegExp(`Source:\\s+local folder ${REPO_ROOT}\n`));
    expect(inspect.stdout).toMatch(/T0[56]:30:00\.000Z/); // 07:30 Berlin is 05:30 or 06:30 UTC
    const run = await ordo([
      "deployment",
      "run",
      "hello/morning",
      "--param",
      "name=Ada",
      "--start-in",
      "1h",
      "--flow-run-name",
      "ada-later",
      "--json",
    ]);
    const created = JSON.parse(run.stdout) as { id: string; parameters: unknown; state: { name: string } };
    expect(created).toMatchObject({
      name: "ada-later",
      parameters: { name: "Ada" },
      state: { name: "Scheduled" },
    });
    // The deployment's runs: this one and the ones its schedule planned, none of another deployment's.
    const runsOfDeployment = JSON.parse(
      (await ordo(["flow-run", "ls", "--deployment", "hello/morning", "--limit", "1000", "--json"])).stdout,
    ) as { id: string; deploymentId: string }[];
    expect(runsOfDeployment.map((r) => r.id)).toContain(created.id);
    expect(new Set(runsOfDeployment.map((r) => r.deploymentId)).size).toBe(1);
    const unknownDeployment = await ordo(["flow-run", "ls", "--deployment", "hello/evening"]);
    expect(unknownDeployment).toMatchObject({ code: 1, stdout: "" });
    expect(unknownDeployment.stderr).toContain("no deployment named hello/evening");
    // No worker polls the pool: the run waits, and the command says so (on standard error).
    expect(run.stderr).toContain(
      "note: no worker polls work pool 'cli-runs' now: the run waits until one does (ordo worker start --pool cli-runs)",
    );
    const cancel = await ordo(["flow-run", "cancel", created.id]);
    expect(cancel.stdout).toBe(`flow run ${created.id} is Cancelled\n`);
    const again = await ordo(["flow-run", "cancel", created.id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("ORDO_INVALID_TRANSITION");
    expect((await ordo(["flow-run", "delete", created.id])).stdout).toBe(`deleted flow run ${created.id}\n`);
    const gone = await ordo(["flow-run", "inspect", created.id]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("ORDO_NOT_FOUND");
    expect((await ordo(["flow-run", "delete", created.id])).stderr).toContain("ORDO_NOT_FOUND");
    const backfill = await ordo([
      "deployment",
      "backfill",
      "hello/morning",
      "--from",
      "2026-01-01T00:00:00Z",
      "--to",
      "2026-01-03T23:00:00Z",
    ]);
    expect(backfill.stdout).toBe("backfill of hello/morning: 3 run(s) created, 0 already there\n");
    expect(backfill.stderr).toContain("3/3 runs");
    expect((await ordo(["deployment", "pause", "hello/morning"])).stdout).toBe(
      "deployment hello/morning is paused\n",
    );
    expect((await ordo(["deployment", "delete", "hello/morning"])).code).toBe(0);
    expect((await ordo(["deployment", "inspect", "hello/morning"])).code).toBe(1);
  });

  it("stops watching after --watch-timeout, exit 1, and leaves the run to go on", async () => {
    await ordo(["work-pool", "create", "cli-unwatched"]);
    await ordo(["deploy", "examples/hello.ts:hello", "--name", "unwatched", "--pool", "cli-unwatched"]);
    // No worker polls the pool: the run stays Scheduled.
    const watched = await ordo(["deployment", "run", "hello/unwatched", "--watch", "--watch-timeout", "1s"]);
    expect(watched.code).toBe(1);
    const id = /\(([0-9a-f-]{36})\)/.exec(watched.stdout)?.[1];
    expect(id).toBeDefined();
    expect(watched.stderr).toContain(
      `stopped watching after 1s: the run is Scheduled and goes on (ordo flow-run logs ${id} --follow)\n`,
    );
    expect(JSON.parse((await ordo(["flow-run", "inspect", id!, "--json"])).stdout)).toMatchObject({
      state: { name: "Scheduled" },
    });
    const alone = await ordo(["deployment", "run", "hello/unwatched", "--watch-timeout", "1s"]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe("error: --watch-timeout goes with --watch (ORDO_INVALID_INPUT)\n");
  });

  it("gives one run its own job variables, checked against the pool's template", async () => {
    await ordo(["work-pool", "create", "cli-jobs"]);
    const jobs = ["--job-variable", "env.MODE=slow", "--job-variable", "env.REGION=eu"];
    await ordo(["deploy", "examples/hello.ts:hello", "--name", "jobs", "--pool", "cli-jobs", ...jobs]);
    const run = await ordo([
      "deployment",
      "run",
      "hello/jobs",
      "--start-in",
      "1h",
      "--job-variable",
      "env.MODE=fast",
      "--job-variable",
      "workingDir=/tmp",
      "--json",
    ]);
    expect(run.code).toBe(0);
    const created = JSON.parse(run.stdout) as { id: string; jobVariables?: unknown };
    // The run's variables go over the deployment's when a worker starts it (env variable by variable).
    expect(created.jobVariables).toEqual({ env: { MODE: "fast" }, workingDir: "/tmp" });
    const inspect = await ordo(["flow-run", "inspect", created.id]);
    expect(inspect.stdout).toMatch(/job variables:\s+\{"workingDir":"\/tmp","env":\{"MODE":"fast"\}\}\n/);

    const before = (await ordo(["flow-run", "ls", "--flow", "hello", "--limit", "100", "--json"])).stdout;
    const bad = await ordo(["deployment", "run", "hello/jobs", "--job-variable", "cpu=2"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "error: invalid jobVariables: cpu: is not allowed (not a property of the schema) (ORDO_INVALID_INPUT)\n",
    );
    const malformed = await ordo(["deployment", "run", "hello/jobs", "--job-variable", "env.MODE"]);
    expect(malformed.code).toBe(2);
    expect((await ordo(["flow-run", "ls", "--flow", "hello", "--limit", "100", "--json"])).stdout).toBe(
      before,
    );
  });

  it("manages one deployment's schedules one at a time: add, pause, resume, delete, clear", async () => {
    await ordo(["work-pool", "create", "cli-schedules"]);
    await ordo([
      "deploy",
      "examples/hello.ts:hello",
      "--name",
      "scheduled",
      "--pool",
      "cli-schedules",
      "--cron",
      "0 6 * * *",
      "--timezone",
      "Europe/Berlin",
    ]);
    type Schedule = { id: string; active: boolean; slug?: string; description: string };
    const schedules = async () =>
      JSON.parse(
        (await ordo(["deployment", "schedule", "ls", "hello/scheduled", "--json"])).stdout,
      ) as Schedule[];
    const [daily] = await schedules();
    const runsOf = async (scheduleId: string) => {
      const all = JSON.parse(
        (await ordo(["flow-run", "ls", "--flow", "hello", "--limit", "1000", "--json"])).stdout,
      ) as {
        scheduleId?: string;
      }[];
      return all.filter((run) => run.scheduleId === scheduleId).length;
    };

    const added = await ordo([
      "deployment",
      "schedule",
      "create",
      "hello/scheduled",
      "--interval",
      "3600",
      "--anchor-date",
      "2026-01-01T00:15:00Z",
      "--slug",
      "hourly",
      "--param",
      "name=Ada",
    ]);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(
      /^added schedule \S+ \(every 1 hour from 2026-01-01T00:15:00Z, slug hourly\) to hello\/scheduled\n$/,
    );
    const [, hourly] = await schedules();
    expect(hourly).toMatchObject({ active: true, slug: "hourly" });
    expect(await runsOf(hourly!.id)).toBeGreaterThan(0);
    const table = (await ordo(["deployment", "schedule", "ls", "hello/scheduled"])).stdout;
    expect(table).toMatch(
      new RegExp(
        `${hourly!.id}\\s+every 1 hour from 2026-01-01T00:15:00Z\\s+yes\\s+hourly\\s+\\{"name":"Ada"\\}`,
      ),
    );

    const paused = await ordo(["deployment", "schedule", "pause", "hello/scheduled", "hourly"]);
    expect(paused.stdout).toBe(
      `paused schedule ${hourly!.id} (every 1 hour from 2026-01-01T00:15:00Z, slug hourly) of hello/scheduled: its future runs are removed\n`,
    );
    // Same ids; only the paused schedule lost its runs.
    expect((await schedules()).map((s) => [s.id, s.active])).toEqual([
      [daily!.id, true],
      [hourly!.id, false],
    ]);
    expect(await runsOf(hourly!.id)).toBe(0);
    expect(await runsOf(daily!.id)).toBeGreaterThan(0);
    expect((await ordo(["deployment", "schedule", "pause", "hello/scheduled", "hourly"])).stdout).toBe(
      `schedule ${hourly!.id} (every 1 hour from 2026-01-01T00:15:00Z, slug hourly) of hello/scheduled is already paused\n`,
    );
    expect((await ordo(["deployment", "schedule", "resume", "hello/scheduled", hourly!.id])).stdout).toMatch(
      /^resumed schedule /,
    );
    expect(await runsOf(hourly!.id)).toBeGreaterThan(0);

    const unknown = await ordo(["deployment", "schedule", "delete", "hello/scheduled", "weekly"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      `error: deployment hello/scheduled has no schedule 'weekly' (its schedules: ${daily!.id}, ${hourly!.id} (hourly)) (ORDO_NOT_FOUND)\n`,
    );
    const none = await ordo(["deployment", "schedule", "create", "hello/scheduled"]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe("error: give one of --cron, --interval or --rrule (ORDO_INVALID_INPUT)\n");
    const badCron = await ordo([
      "deployment",
      "schedule",
      "create",
      "hello/scheduled",
      "--cron",
      "61 * * * *",
    ]);
    expect(badCron.code).toBe(2);
    expect(badCron.stderr).toContain("invalid cron expression");
    const sameSlug = await ordo([
      "deployment",
      "schedule",
      "create",
      "hello/scheduled",
      "--cron",
      "0 7 * * *",
      "--slug",
      "hourly",
    ]);
    expect(sameSlug.code).toBe(2);
    expect(sameSlug.stderr).toContain(`slug 'hourly' names schedule ${hourly!.id} already`);
    expect(await schedules()).toHaveLength(2);

    // Two commands at once both take effect: each is one change on the server, not a
    // rewrite of the whole list.
    const addAt = (hour: number) =>
      ordo([
        "deployment",
        "schedule",
        "create",
        "hello/scheduled",
        "--cron",
        `0 ${hour} * * *`,
        "--slug",
        `at-${hour}`,
      ]);
    expect((await Promise.all([addAt(7), addAt(8), addAt(9)])).map((r) => r.code)).toEqual([0, 0, 0]);
    expect((await schedules()).map((s) => s.slug ?? "-").sort()).toEqual([
      "-",
      "at-7",
      "at-8",
      "at-9",
      "hourly",
    ]);
    const [deleted] = await Promise.all([
      ordo(["deployment", "schedule", "delete", "hello/scheduled", "hourly"]),
      ordo(["deployment", "schedule", "delete", "hello/scheduled", "at-7"]),
      ordo(["deployment", "schedule", "pause", "hello/scheduled", "at-8"]),
    ]);
    expect(deleted.stdout).toBe(
      `deleted schedule ${hourly!.id} (every 1 hour from 2026-01-01T00:15:00Z, slug hourly) of hello/scheduled\n`,
    );
    expect((await schedules()).map((s) => [s.slug ?? "-", s.active]).sort()).toEqual([
      ["-", true],
      ["at-8", false],
      ["at-9", true],
    ]);
    expect(await runsOf(hourly!.id)).toBe(0);
    expect((await ordo(["deployment", "schedule", "clear", "hello/scheduled"])).stdout).toBe(
      "deleted 3 schedule(s) of hello/scheduled\n",
    );
    expect(await schedules()).toEqual([]);
    expect(await runsOf(daily!.id)).toBe(0);
  });

  it("deploys every deployment of an ordo.yaml, and names the bad field of a bad one", async () => {
    const file = join(home, "ordo.yaml");
    await writeFile(
      file,
      [
        "deployments:",
        "  - name: from-yaml",
        "    entrypoint: examples/hello.ts:hello",
        "    parameters: { name: Yaml }",
        "    schedules:",
        "      - interval: 3600",
        "    work_pool: { name: cli-yaml, job_variables: { env: { GREETING: hi } } }",
        "    concurrency_limit: { limit: 1, collision_strategy: CANCEL_NEW }",
        "    tags: [yaml]",
        '    source: { kind: git, url: "https://github.com/acme/flows.git", ref: main }',
      ].join("\n"),
    );
    await ordo(["work-pool", "create", "cli-yaml"]);
    const deployed = await ordo(["deploy", "--all", "--file", file, "--json"]);
    expect(deployed.code).toBe(0);
    expect(JSON.parse(deployed.stdout)).toMatchObject({
      name: "from-yaml",
      parameters: { name: "Yaml" },
      jobVariables: { env: { GREETING: "hi" } },
      concurrencyLimit: 1,
      collisionStrategy: "CANCEL_NEW",
      tags: ["yaml"],
      schedules: [{ description: "every 1 hour" }],
      entrypoint: "examples/hello.ts:hello",
      source: { kind: "git", url: "https://github.com/acme/flows.git", ref: "main" },
    });
    await writeFile(
      file,
      "deployments:\n  - name: broken\n    entrypoint: examples/hello.ts:hello\n    schedules:\n      - cron: nonsense\n",
    );
    const bad = await ordo(["deploy", "--all", "--file", file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("deployments.0.schedules.0.cron");
  });

  it("sets a run's state as an operator, checked by the rules unless forced", async () => {
    await ordo(["work-pool", "create", "cli-state"]);
    await ordo(["deploy", "examples/hello.ts:hello", "--name", "state", "--pool", "cli-state"]);
    const run = JSON.parse(
      (await ordo(["deployment", "run", "hello/state", "--start-in", "1h", "--json"])).stdout,
    ) as { id: string };
    const failed = await ordo(["flow-run", "set-state", run.id, "Failed"]);
    expect(failed.stdout).toBe(`flow run ${run.id} is Failed\n`);
    const refused = await ordo(["flow-run", "set-state", run.id, "Running"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("refused (REJECT)");
    const forced = await ordo(["flow-run", "set-state", run.id, "scheduled", "--force"]);
    expect(forced.stdout).toBe(`flow run ${run.id} is Scheduled\n`);
    const unknown = await ordo(["flow-run", "set-state", run.id, "Sleeping"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown state "Sleeping"');
    // A run that may be executing is not deleted: it is cancelled first.
    await ordo(["flow-run", "set-state", run.id, "Running", "--force"]);
    const busy = await ordo(["flow-run", "delete", run.id]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(`flow run ${run.id} is Running: cancel it before deleting it`);
    expect(busy.stderr).toContain("ORDO_CONFLICT");
  });

  it("deploys with a stale policy and an interval anchored at a given time", async () => {
    await ordo(["work-pool", "create", "cli-stale"]);
    const deployed = await ordo([
      "deploy",
      "examples/hello.ts:hello",
      "--name",
      "quarter-past",
      "--pool",
      "cli-stale",
      "--interval",
      "3600",
      "--anchor-date",
      "2026-01-01T00:15:00Z",
      "--stale-after",
      "10m",
      "--json",
    ]);
    expect(deployed.code).toBe(0);
    const deployment = JSON.parse(deployed.stdout) as {
      id: string;
      stalePolicy: string;
      staleAfterSeconds: number;
      schedules: { description: string; schedule: { interval: number; anchorDate: string } }[];
    };
    expect(deployment).toMatchObject({ stalePolicy: "EXPIRE", staleAfterSeconds: 600 });
    expect(deployment.schedules[0]?.description).toBe("every 1 hour from 2026-01-01T00:15:00Z");
    expect(deployment.schedules[0]?.schedule).toMatchObject({
      interval: 3600,
      anchorDate: "2026-01-01T00:15:00Z",
    });
    const runs = JSON.parse(
      (await ordo(["flow-run", "ls", "--flow", "hello", "--json", "--limit", "1000"])).stdout,
    ) as {
      deploymentId?: string;
      expectedStartTime: number;
    }[];
    const planned = runs.filter((r) => r.deploymentId === deployment.id);
    expect(planned.length).toBeGreaterThan(0);
    for (const run of planned) expect(new Date(run.expectedStartTime).getUTCMinutes()).toBe(15);
  });

  it("refuses bad deploy and run options with exit 2, naming the option, and creates nothing", async () => {
    const noName = await ordo(["deploy", "examples/hello.ts:hello"]);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain("give FILE.ts:FLOW and --name");
    const badInterval = await ordo(["deploy", "examples/hello.ts:hello", "--name", "bad", "--interval", "0"]);
    expect(badInterval.code).toBe(2);
    expect(badInterval.stderr).toContain("--interval must be a positive number of seconds");
    const badStrategy = await ordo([
      "deploy",
      "examples/hello.ts:hello",
      "--name",
      "bad",
      "--collision-strategy",
      "WAIT",
    ]);
    expect(badStrategy.code).toBe(2);
    expect(badStrategy.stderr).toContain("--collision-strategy must be ENQUEUE or CANCEL_NEW");
    const hello = ["deploy", "examples/hello.ts:hello", "--name", "bad"];
    const badSource = await ordo([...hello, "--source", "s3"]);
    expect(badSource.code).toBe(2);
    expect(badSource.stderr).toContain('--source must be local, bundle or git, got "s3"');
    const gitOptions = await ordo([...hello, "--source", "bundle", "--git-ref", "main"]);
    expect(gitOptions.code).toBe(2);
    expect(gitOptions.stderr).toContain("--git-url and --git-ref go with --source git");
    const badUrl = await ordo([...hello, "--pool", "cli-runs", "--git-url", "/not/a/url"]);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain(
      "invalid git source: url: use an https://, ssh://, git@host:path or file:///",
    );
    const list = JSON.parse((await ordo(["deployment", "ls", "--json"])).stdout) as { name: string }[];
    expect(list.some((d) => d.name === "bad")).toBe(false);
    await ordo(["work-pool", "create", "cli-bad"]);
    await ordo(["deploy", "examples/hello.ts:hello", "--name", "opts", "--pool", "cli-bad"]);
    const runsBefore = await ordo(["flow-run", "ls", "--json", "--limit", "1000"]);
    const startIn = await ordo(["deployment", "run", "hello/opts", "--start-in", "soon"]);
    expect(startIn.code).toBe(2);
    expect(startIn.stderr).toContain('--start-in must be a duration like 90s, 10m, 2h or 1d, got "soon"');
    const startAt = await ordo(["deployment", "backfill", "hello/opts", "--from", "yesterday"]);
    expect(startAt.code).toBe(2);
    expect(startAt.stderr).toContain("--from must be a time like");
    const reversed = await ordo([
      "deployment",
      "backfill",
      "hello/opts",
      "--from",
      "2026-01-02",
      "--to",
      "2026-01-01",
    ]);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toContain(
      "--from (2026-01-02T00:00:00.000Z) must not be after --to (2026-01-01T00:00:00.000Z)",
    );
    const maxRuns = await ordo([
      "deployment",
      "backfill",
      "hello/opts",
      "--from",
      "2026-01-01",
      "--max-runs",
      "many",
    ]);
    expect(maxRuns.code).toBe(2);
    expect(maxRuns.stderr).toContain('--max-runs must be a whole number ≥ 0, got "many"');
    const unknown = await ordo(["deployment", "run", "hello/nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^error: no deployment named hello\/nope \(its flow has hello\/[^)]+\) \(ORDO_NOT_FOUND\)\n$/,
    );
    const never = await ordo([
      "deploy",
      "examples/hello.ts:hello",
      "--name",
      "never",
      "--cron",
      "0 0 30 2 *",
    ]);
    expect(never.code).toBe(2);
    expect(never.stderr).toContain("it never fires");
    const runsAfter = await ordo(["flow-run", "ls", "--json", "--limit", "1000"]);
    // The same runs (their states may move meanwhile: a Scheduled run of an earlier test turns Late).
    const ids = (ls: { stdout: string }) => (JSON.parse(ls.stdout) as { id: string }[]).map((r) => r.id);
    expect(ids(runsAfter)).toEqual(ids(runsBefore));
  });

  it("refuses a bundle source without a server, before anything is written", async () => {
    const result = await ordo(
      ["deploy", "examples/hello.ts:hello", "--name", "bundled", "--source", "bundle"],
      { ORDO_API_URL: "" },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("a bundle is uploaded to a server: set ORDO_API_URL");
    expect(result.stderr).toContain("ORDO_NO_SERVER");
  });

  it.each([
    [["--limit", "0"], '--limit must be a whole number ≥ 1, got "0"'],
    [["--heartbeat-seconds", "0"], '--heartbeat-seconds must be a whole number ≥ 1, got "0"'],
    [["--name", "a/b"], "--name: use 1–100 letters, digits, '_', '-' or '.', got \"a/b\""],
    [["--work-queue", "a b"], "--work-queue: use 1–100 letters, digits, '_', '-' or '.', got \"a b\""],
    [
      ["--type", "kubernetes"],
      '--type: "kubernetes" is not a work pool type of this version: use "process" (Kubernetes pools come later)',
    ],
  ])("refuses worker option %j with exit 2, before registering", async (args, message) => {
    const result = await ordo(["worker", "start", "--pool", "refused-pool", ...args]);
    expect(result.stderr).toBe(`error: ${message} (ORDO_INVALID_INPUT)\n`);
    expect(result.code).toBe(2);
    expect((await ordo(["work-pool", "inspect", "refused-pool"])).stderr).toContain("ORDO_NOT_FOUND");
  });

  it("says so when a worker is told to serve a queue its pool does not have", async () => {
    await ordo(["work-pool", "create", "queues-pool"]);
    const child = spawn(
      process.execPath,
      ["bin/ordo.js", "worker", "start", "--pool", "queues-pool", "--work-queue", "nightly"],
      {
        cwd: REPO_ROOT,
        env: cleanEnv({ ORDO_HOME: join(home, "cli"), ORDO_API_URL: server.apiUrl }),
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise((done) => child.on("close", done));
    try {
      await expect
        .poll(() => stdout, { timeout: 20_000 })
        .toContain("started: polling work pool 'queues-pool' (queues: nightly)");
    } finally {
      // Stopped even when the wait fails: no worker outlives the test.
      child.kill("SIGTERM");
      await exited;
    }
    expect(stdout).toContain(
      "[worker] work pool 'queues-pool' has no queue 'nightly' (its queues: default); its runs start once it is created (ordo work-queue create nightly --pool queues-pool)",
    );
  });

  it("refuses to start a worker without a server", async () => {
    const result = await ordo(["worker", "start", "--pool", "x"], { ORDO_API_URL: "" });
    expect(result.stderr).toContain("ORDO_NO_SERVER");
    expect(result.code).not.toBe(0);
  });
});
