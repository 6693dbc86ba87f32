import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REPO_ROOT, runOrdo, type CliResult } from "../../helpers/ordo-cli.js";

const root = REPO_ROOT;
const FAKE = "test/integration/cli/fixtures/fake-flows.ts";
const FLOWS = "test/integration/cli/fixtures/flows.ts";
const ONE_LINE_ERROR = /^error: [^\n]+ \(ORDO_[A-Z_]+\)\n$/;

let home: string;

/** Runs the real CLI from source in a child process, with a fresh ORDO_HOME. */
function ordo(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runOrdo(args, { ORDO_HOME: home, ...env });
}

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ordo-cli-"));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe("ordo run: bad entrypoints and parameters", () => {
  it("rejects an unknown export with a one-line error and exit 2", async () => {
    const r = await ordo(["run", `${FAKE}:nope`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(ONE_LINE_ERROR);
    expect(r.stderr).toContain('has no export "nope"');
    expect(r.stderr).toContain("(ORDO_INVALID_ENTRYPOINT)");
    expect(r.stdout).toBe("");
  });

  it("rejects an export that is not a flow", async () => {
    const r = await ordo(["run", `${FAKE}:notAFlow`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(ONE_LINE_ERROR);
    expect(r.stderr).toContain("is not a flow");
  });

  it("rejects a missing file and a spec without export", async () => {
    const missing = await ordo(["run", "no/such/file.ts:flow"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(ONE_LINE_ERROR);
    expect(missing.stderr).toContain("entrypoint file not found");
    const noExport = await ordo(["run", FAKE]);
    expect(noExport.code).toBe(2);
    expect(noExport.stderr).toMatch(ONE_LINE_ERROR);
  });

  it("rejects a malformed --param, naming it", async () => {
    const r = await ordo(["run", `${FAKE}:completes`, "--param", "n"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: invalid --param "n": expected key=value (ORDO_INVALID_INPUT)\n');
  });

  it("rejects --params-json that is not a JSON object", async () => {
    const broken = await ordo(["run", `${FAKE}:completes`, "--params-json", "{n: 1}"]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(ONE_LINE_ERROR);
    expect(broken.stderr).toContain("--params-json is not valid JSON");
    const array = await ordo(["run", `${FAKE}:completes`, "--params-json", "[1]"]);
    expect(array.code).toBe(2);
    expect(array.stderr).toContain("must be a JSON object");
  });

  it("prints invalid parameters as one line", async () => {
    const r = await ordo(["run", `${FAKE}:strict`, "--param", "n=abc"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "error: invalid parameters for flow strict: n: expected number, received string (ORDO_INVALID_PARAMETERS)\n",
    );
  });

  it("rejects an unknown option", async () => {
    const r = await ordo(["run", `${FAKE}:completes`, "--parm", "n=1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown option '--parm'.*\(ORDO_INVALID_INPUT\)\n$/);
  });
});

describe("ordo run: final state and exit code", () => {
  it("prints the final state and run id and exits 0 for a completed run", async () => {
    const r = await ordo(["run", `${FAKE}:completes`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Flow run fake-run-1 finished in state Completed\n");
    expect(r.stderr).toBe("");
  });

  it("passes --params-json and --param (JSON values parsed) and records the absolute entrypoint", async () => {
    const r = await ordo([
      "run",
      `${FAKE}:completes`,
      "--params-json",
      '{"table": "users", "n": 1}',
      "--param",
      "n=3",
      "--param",
      'tags=["a"]',
      "--param",
      "mode=fast",
      "--json",
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      flowRunId: "fake-run-1",
      state: { type: "COMPLETED", name: "Completed" },
      result: {
        params: { table: "users", n: 3, tags: ["a"], mode: "fast" },
        entrypoint: `${join(root, FAKE)}:completes`,
      },
    });
  });

  it("exits 1 for a run that does not complete, with the message on the state line", async () => {
    const r = await ordo(["run", `${FAKE}:fails`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("Flow run fake-run-2 finished in state Failed: boom: second line\n");
  });

  it("prints an unexpected error as one line without a stack, exit 1", async () => {
    const r = await ordo(["run", `${FAKE}:crashes`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: TypeError: something unexpected\n");
  });

  it("exits promptly even when the flow leaves a timer running", async () => {
    const r = await ordo(["run", `${FAKE}:leaksTimer`]);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(15_000);
  });
});

describe("ordo config view", () => {
  it("prints JSON that parses, with ORDO_HOME from the environment", async () => {
    const r = await ordo(["config", "view", "--json", "--show-defaults"], { ORDO_LOGGING_LEVEL: "warning" });
    expect(r.code).toBe(0);
    const data = JSON.parse(r.stdout) as Record<string, { value: unknown; source: string }>;
    expect(data.ORDO_HOME).toEqual({ value: home, source: "env" });
    expect(data.ORDO_LOGGING_LEVEL).toEqual({ value: "warning", source: "env" });
    expect(data.ORDO_HEARTBEAT_SECONDS).toEqual({ value: 10, source: "default" });
  });

  it("reports an invalid setting as one line", async () => {
    const r = await ordo(["config", "view"], { ORDO_LOGGING_COLORS: "sometimes" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(ONE_LINE_ERROR);
    expect(r.stderr).toContain('ORDO_LOGGING_COLORS="sometimes"');
  });
});

const profilesFile = (): string => join(home, "profiles.toml");
const readProfiles = (): Promise<string> => readFile(profilesFile(), "utf8");

describe("ordo config set, unset and view with profiles", () => {
  it("sets settings in the active profile, shows them with their source, and unsets them", async () => {
    const set = await ordo(["config", "set", "ORDO_LOGGING_LEVEL=debug", "ORDO_SERVER_PORT=8080"]);
    expect(set.stderr).toBe("");
    expect(set.code).toBe(0);
    expect(set.stdout).toBe("Set ORDO_LOGGING_LEVEL, ORDO_SERVER_PORT in profile default.\n");
    expect(await readProfiles()).toContain('ORDO_SERVER_PORT = "8080"');
    expect((await stat(profilesFile())).mode & 0o777).toBe(0o600);

    const view = await ordo(["config", "view", "--show-sources"]);
    expect(view.code).toBe(0);
    expect(view.stdout).toBe(
      [
        "Active profile: default",
        `ORDO_HOME='${home}' (from env)`,
        "ORDO_LOGGING_LEVEL='debug' (from profile default)",
        "ORDO_SERVER_PORT='8080' (from profile default)",
        "",
      ].join("\n"),
    );

    const unset = await ordo(["config", "unset", "ORDO_SERVER_PORT"]);
    expect(unset.code).toBe(0);
    expect(unset.stdout).toBe("Unset ORDO_SERVER_PORT in profile default.\n");
    const json = JSON.parse((await ordo(["config", "view", "--json"])).stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(["ORDO_HOME", "ORDO_LOGGING_LEVEL"]);
  });

  it("rejects a bad value with exit 2 and writes nothing, not even the good values", async () => {
    await ordo(["config", "set", "ORDO_SERVER_HOST=0.0.0.0"]);
    const before = await readProfiles();
    const r = await ordo(["config", "set", "ORDO_LOGGING_LEVEL=debug", "ORDO_SERVER_PORT=99999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: invalid ORDO_SERVER_PORT="99999" (from profile default): expected an integer from 1 to 65535 (ORDO_INVALID_SETTING)\n',
    );
    expect(await readProfiles()).toBe(before);
  });

  it("rejects an unknown setting with ORDO_UNKNOWN_SETTING and writes no file", async () => {
    const r = await ordo(["config", "set", "ORDO_LOG_LEVEL=debug"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(ONE_LINE_ERROR);
    expect(r.stderr).toContain("(ORDO_UNKNOWN_SETTING)");
    await expect(stat(profilesFile())).rejects.toThrow(/ENOENT/);
  });

  it("warns when an environment variable overrides the value being set", async () => {
    const r = await ordo(["config", "set", "ORDO_LOGGING_LEVEL=error"], { ORDO_LOGGING_LEVEL: "debug" });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "warning: ORDO_LOGGING_LEVEL is also set in the environment, which overrides the profile\n",
    );
    const view = await ordo(["config", "view", "--json"], { ORDO_LOGGING_LEVEL: "debug" });
    expect(JSON.parse(view.stdout)).toMatchObject({ ORDO_LOGGING_LEVEL: { value: "debug", source: "env" } });
  });

  it("keeps secrets masked in every output and out of errors", async () => {
    const key = "sk_live_0123456789abcd";
    const set = await ordo(["config", "set", `ORDO_API_KEY=${key}`]);
    expect(set.code).toBe(0);
    const outputs = await Promise.all([
      ordo(["config", "view"]),
      ordo(["config", "view", "--json"]),
      ordo(["profile", "inspect"]),
      ordo(["profile", "inspect", "--json"]),
      ordo(["config", "set", `ORDO_API_KEY=Bearer ${key}`]),
    ]);
    for (const r of outputs) expect(r.stdout + r.stderr).not.toContain("sk_live");
    expect(outputs[0].stdout).toContain("ORDO_API_KEY='****abcd'");
    expect(outputs[4].code).toBe(2);
  });

  it("reports a broken profiles file as one line naming it", async () => {
    await ordo(["config", "set", "ORDO_SERVER_HOST=0.0.0.0"]);
    await writeFile(profilesFile(), 'colour = "blue"\n');
    const r = await ordo(["flow-run", "ls"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: ${profilesFile()}: unknown top-level key "colour" (expected active and [profiles.NAME]) (ORDO_INVALID_PROFILES_FILE)\n`,
    );
  });
});

describe("ordo profile", () => {
  it("creates, lists, switches to, inspects and deletes profiles", async () => {
    await ordo(["config", "set", "ORDO_LOGGING_LEVEL=warning"]);
    const created = await ordo(["profile", "create", "server", "--from", "default"]);
    expect(created.code).toBe(0);
    const set = await ordo([
      "config",
      "set",
      "--profile",
      "server",
      "ORDO_API_URL=http://127.0.0.1:4200/api",
    ]);
    expect(set.stdout).toBe("Set ORDO_API_URL in profile server.\n");

    expect((await ordo(["profile", "ls"])).stdout).toBe("* default\n  server\n");
    const used = await ordo(["profile", "use", "server"]);
    expect(used.code).toBe(0);
    expect(used.stdout).toBe("Now using profile server.\n");
    expect(JSON.parse((await ordo(["profile", "ls", "--json"])).stdout)).toEqual([
      { name: "default", active: false },
      { name: "server", active: true },
    ]);

    const inspect = await ordo(["profile", "inspect"]);
    expect(inspect.stdout).toBe(
      "Profile server (active)\nORDO_LOGGING_LEVEL='warning'\nORDO_API_URL='http://127.0.0.1:4200/api'\n",
    );
    const view = await ordo(["config", "view", "--show-sources"]);
    expect(view.stdout).toContain("Active profile: server\n");
    expect(view.stdout).toContain("ORDO_API_URL='http://127.0.0.1:4200/api' (from profile server)");

    const refused = await ordo(["profile", "delete", "server"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(ONE_LINE_ERROR);
    expect(refused.stderr).toContain("(ORDO_PROFILE_ACTIVE)");

    await ordo(["profile", "use", "default"]);
    const deleted = await ordo(["profile", "delete", "server"]);
    expect(deleted.code).toBe(0);
    expect((await ordo(["profile", "ls"])).stdout).toBe("* default\n");
  });

  it("selects the profile of one process with ORDO_PROFILE", async () => {
    await ordo(["profile", "create", "dev"]);
    await ordo(["config", "set", "--profile", "dev", "ORDO_LOGGING_LEVEL=debug"]);
    const view = await ordo(["config", "view", "--json"], { ORDO_PROFILE: "dev" });
    expect(JSON.parse(view.stdout)).toMatchObject({
      ORDO_LOGGING_LEVEL: { value: "debug", source: "profile dev" },
    });
    const text = await ordo(["config", "view"], { ORDO_PROFILE: "dev" });
    expect(text.stdout.split("\n")[0]).toBe("Active profile: dev (from ORDO_PROFILE)");
    // config set without --profile writes to the profile in use
    await ordo(["config", "set", "ORDO_SERVER_PORT=9000"], { ORDO_PROFILE: "dev" });
    expect(await readProfiles()).toMatch(
      /\[profiles\.dev\]\nORDO_LOGGING_LEVEL = "debug"\nORDO_SERVER_PORT = "9000"/,
    );
    // without ORDO_PROFILE the file's active profile (default) is in use
    expect(JSON.parse((await ordo(["config", "view", "--json"])).stdout)).not.toHaveProperty(
      "ORDO_LOGGING_LEVEL",
    );
  });

  it("refuses an unknown ORDO_PROFILE in any command that reads settings", async () => {
    const r = await ordo(["flow-run", "ls"], { ORDO_PROFILE: "nope" });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'error: profile "nope" (from ORDO_PROFILE) not found; the profiles are: default (ORDO_PROFILE_NOT_FOUND)\n',
    );
  });

  it.each([
    [["profile", "create", "default"], "ORDO_PROFILE_EXISTS"],
    [["profile", "create", "bad name"], "ORDO_INVALID_INPUT"],
    [["profile", "use", "nope"], "ORDO_PROFILE_NOT_FOUND"],
    [["profile", "delete", "nope"], "ORDO_PROFILE_NOT_FOUND"],
    [["profile", "inspect", "nope"], "ORDO_PROFILE_NOT_FOUND"],
    [["config", "set", "--profile", "nope", "ORDO_LOGGING_LEVEL=debug"], "ORDO_PROFILE_NOT_FOUND"],
  ])("%j fails with %s, exit 2", async (args, code) => {
    const r = await ordo(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(ONE_LINE_ERROR);
    expect(r.stderr).toContain(`(${code})`);
  });
});

describe("clients", () => {
  it("talks to the server at ORDO_API_URL, and says so when nothing answers there", async () => {
    const r = await ordo(["flow-run", "ls"], {
      ORDO_API_URL: "http://127.0.0.1:9/api",
      ORDO_API_MAX_RETRIES: "0",
      ORDO_CLIENT_OUTAGE_SECONDS: "0",
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("http://127.0.0.1:9/api");
    expect(r.stderr).toContain("(ORDO_SERVER_UNAVAILABLE)");
  });
});

describe("reading runs from an empty home (needs the store)", () => {
  it("prints an empty flow-run table", async () => {
    const r = await ordo(["flow-run", "ls"]);
    expect(r.stderr).not.toMatch(/^error/m);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("ID  FLOW  NAME  STATE  START  DURATION\n");
  });

  it("prints an empty JSON array with --json", async () => {
    const r = await ordo(["flow-run", "ls", "--json", "--state", "FAILED", "--flow", "etl"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it.each([
    [["flow-run", "inspect", "unknown-id"]],
    [["flow-run", "logs", "unknown-id"]],
    [["task-run", "inspect", "unknown-id"]],
    [["task-run", "ls", "--flow-run", "unknown-id"]],
  ])("reports ORDO_NOT_FOUND for %j", async (args) => {
    const r = await ordo(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(ONE_LINE_ERROR);
    expect(r.stderr).toContain("(ORDO_NOT_FOUND)");
  });

  it("prints an empty task-run table", async () => {
    const r = await ordo(["task-run", "ls"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("ID  NAME  FLOW RUN  STATE  START  DURATION\n");
  });
});

describe("running real flows (needs the engine and the store)", () => {
  it("runs a flow, then lists, inspects and reads its logs and task runs", async () => {
    const run = await ordo(["run", `${FLOWS}:addUp`, "--param", "n=21", "--json"]);
    expect(run.stderr).not.toMatch(/^error/m);
    expect(run.code).toBe(0);
    const final = JSON.parse(run.stdout) as { flowRunId: string; state: { type: string }; result: unknown };
    expect(final.state.type).toBe("COMPLETED");
    expect(final.result).toEqual({ label: "sum", doubled: 42 });
    const id = final.flowRunId;

    const ls = await ordo(["flow-run", "ls", "--json"]);
    const runs = JSON.parse(ls.stdout) as { id: string; flowName: string; entrypoint?: string }[];
    expect(runs.map((r) => r.id)).toEqual([id]); // the file's "run directly" block did not run
    expect(runs[0]?.flowName).toBe("cli-add-up");
    expect(runs[0]?.entrypoint).toBe(`${join(root, FLOWS)}:addUp`);

    const table = await ordo(["flow-run", "ls", "--state", "COMPLETED"]);
    expect(table.code).toBe(0);
    expect(table.stdout.split("\n")[1]).toMatch(new RegExp(`^${id}\\s+cli-add-up\\s+\\S+\\s+Completed\\s`));

    const inspect = await ordo(["flow-run", "inspect", id]);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toContain(`id:`);
    expect(inspect.stdout).toContain("Completed (COMPLETED)");
    expect(inspect.stdout).toMatch(/parameters:\s+\{"n":21/);
    expect(inspect.stdout).toMatch(/State history:\nTIME\s+TYPE\s+NAME\s+MESSAGE\n[^\n]*PENDING/);

    const logs = await ordo(["flow-run", "logs", id]);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toMatch(/\| INFO\s+\| doubling 21/);

    const tasks = await ordo(["task-run", "ls", "--flow-run", id, "--json"]);
    const taskRuns = JSON.parse(tasks.stdout) as { id: string; name: string; state: { type: string } }[];
    expect(taskRuns).toHaveLength(1);
    expect(taskRuns[0]?.state.type).toBe("COMPLETED");

    const task = await ordo(["task-run", "inspect", taskRuns[0]!.id]);
    expect(task.code).toBe(0);
    expect(task.stdout).toContain(`flow run:`);
    expect(task.stdout).toContain(id);
  });

  it("prints the first or last log lines with --head and --tail (20, or --num-logs)", async () => {
    const run = await ordo(["run", `${FLOWS}:chatty`, "--param", "lines=30", "--json"]);
    const id = (JSON.parse(run.stdout) as { flowRunId: string }).flowRunId;
    const all = (await ordo(["flow-run", "logs", id])).stdout.split("\n").filter((line) => line !== "");
    expect(all.length).toBeGreaterThan(30);
    const lines = async (...args: string[]) => {
      const r = await ordo(["flow-run", "logs", id, ...args]);
      expect(r.code).toBe(0);
      return r.stdout.split("\n").filter((line) => line !== "");
    };
    expect(await lines("--head")).toEqual(all.slice(0, 20));
    expect(await lines("--tail")).toEqual(all.slice(-20));
    expect(await lines("--head", "--num-logs", "3")).toEqual(all.slice(0, 3));
    expect(await lines("--tail", "--num-logs", "3")).toEqual(all.slice(-3));
    expect(await lines("--tail", "--num-logs", "1000")).toEqual(all);
    for (const [args, message] of [
      [["--head", "--tail"], "--head and --tail do not go together"],
      [["--tail", "--follow"], "--tail and --follow do not go together"],
      [["--num-logs", "5"], "--num-logs goes with --head or --tail"],
      [["--head", "--num-logs", "0"], "--num-logs must be a whole number ≥ 1"],
    ] as const) {
      const bad = await ordo(["flow-run", "logs", id, ...args]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(message);
    }
  });

  it("deletes a finished run with its task runs, from the embedded store", async () => {
    const run = await ordo(["run", `${FLOWS}:addUp`, "--param", "n=3", "--json"]);
    const id = (JSON.parse(run.stdout) as { flowRunId: string }).flowRunId;
    const before = JSON.parse((await ordo(["task-run", "ls", "--flow-run", id, "--json"])).stdout) as [];
    expect(before.length).toBeGreaterThan(0);
    expect((await ordo(["flow-run", "delete", id])).stdout).toBe(`deleted flow run ${id}\n`);
    const runs = JSON.parse((await ordo(["flow-run", "ls", "--json", "--limit", "1000"])).stdout) as {
      id: string;
    }[];
    expect(runs.map((r) => r.id)).not.toContain(id);
    const tasks = JSON.parse((await ordo(["task-run", "ls", "--json", "--limit", "1000"])).stdout) as {
      flowRunId: string;
    }[];
    expect(tasks.some((t) => t.flowRunId === id)).toBe(false);
  });

  it("lists the latest task runs first, and one flow run's in the order they ran", async () => {
    const ids: string[] = [];
    for (const n of ["1", "2"]) {
      const run = await ordo(["run", `${FLOWS}:addUp`, "--param", `n=${n}`, "--json"]);
      ids.push((JSON.parse(run.stdout) as { flowRunId: string }).flowRunId);
    }
    const latest = JSON.parse((await ordo(["task-run", "ls", "--limit", "1", "--json"])).stdout) as {
      flowRunId: string;
    }[];
    expect(latest.map((t) => t.flowRunId)).toEqual([ids[1]]);
    const all = JSON.parse((await ordo(["task-run", "ls", "--json"])).stdout) as { createdAt: number }[];
    const created = all.map((t) => t.createdAt);
    expect(created).toEqual([...created].sort((a, b) => b - a));
  });

  it("exits 2 with ORDO_INVALID_PARAMETERS when the params schema rejects the input, writing nothing", async () => {
    const count = async () =>
      (
        JSON.parse(
          (await ordo(["flow-run", "ls", "--json", "--flow", "cli-add-up", "--limit", "1000"])).stdout,
        ) as []
      ).length;
    const before = await count();
    const r = await ordo(["run", `${FLOWS}:addUp`, "--param", "n=many"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(ONE_LINE_ERROR);
    expect(r.stderr).toContain("(ORDO_INVALID_PARAMETERS)");
    const malformed = await ordo(["run", `${FLOWS}:addUp`, "--param", "no-equals-sign"]);
    expect(malformed.code).toBe(2);
    const typo = await ordo(["run", `${FLOWS}:addUp`, "--param", "n=1", "--param", "lable=x"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      "error: invalid parameters for flow 'cli-add-up': lable: is not a parameter of flow cli-add-up (its parameters: label, n) (ORDO_INVALID_PARAMETERS)\n",
    );
    expect(await count()).toBe(before);
  });

  it("exits 1 for a failed run, and 0 when `flow-run retry` completes it", async () => {
    const first = await ordo(["run", `${FLOWS}:failsOnce`, "--json"]);
    expect(first.code).toBe(1);
    const failed = JSON.parse(first.stdout) as { flowRunId: string; state: { type: string } };
    expect(failed.state.type).toBe("FAILED");

    const listed = await ordo(["flow-run", "ls", "--state", "Failed", "--json"]);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((r) => r.id)).toEqual([failed.flowRunId]);

    const retried = await ordo(["flow-run", "retry", failed.flowRunId]);
    expect(retried.stderr).not.toMatch(/^error/m);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toMatch(
      new RegExp(`(^|\\n)Flow run ${failed.flowRunId} finished in state Completed\n$`),
    );
  });

  it("shows a run whose process died as Crashed, and retries it", async () => {
    const crashed = await ordo(["run", `${FLOWS}:crashesOnce`]);
    expect(crashed.signal).toBe("SIGKILL");

    const ls = await ordo(["flow-run", "ls", "--json"]);
    const runs = JSON.parse(ls.stdout) as { id: string; state: { name: string } }[];
    expect(runs).toHaveLength(1);
    expect(runs[0]?.state.name).toBe("Crashed");

    const retried = await ordo(["flow-run", "retry", runs[0]!.id]);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain("finished in state Completed");
  });

  it("reports ORDO_NOT_FOUND when retrying an unknown run", async () => {
    const r = await ordo(["flow-run", "retry", "unknown-id"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(ONE_LINE_ERROR);
    expect(r.stderr).toContain("(ORDO_NOT_FOUND)");
  });
});
