import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CliIo } from "../../../src/cli/cli-context.js";
import { runCli } from "../../../src/cli/main.js";
import { SETTING_DEFINITIONS } from "../../../src/settings/index.js";

interface Captured {
  readonly io: CliIo;
  readonly out: () => string;
  readonly err: () => string;
}

function capture(): Captured {
  let out = "";
  let err = "";
  return {
    io: { out: (t) => void (out += t), err: (t) => void (err += t), now: () => 1_700_000_000_000 },
    out: () => out,
    err: () => err,
  };
}

async function ordo(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await runCli(["node", "ordo", ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}

const saved = { ...process.env };
beforeEach(() => {
  for (const key of Object.keys(process.env)) if (key.startsWith("ORDO_")) delete process.env[key];
});
afterEach(() => {
  process.env = { ...saved };
});

describe("ordo --help", () => {
  it("lists the command groups and exits 0", async () => {
    const { code, out } = await ordo("--help");
    expect(code).toBe(0);
    for (const command of ["run", "flow-run", "task-run", "config"]) expect(out).toContain(command);
  });

  it.each([
    ["run"],
    ["flow-run", "ls"],
    ["flow-run", "inspect"],
    ["flow-run", "logs"],
    ["flow-run", "retry"],
    ["task-run", "ls"],
    ["task-run", "inspect"],
    ["config", "view"],
  ])("has help for %s %s", async (...command) => {
    const { code, out } = await ordo(...command, "--help");
    expect(code).toBe(0);
    expect(out).toContain(`Usage: ordo ${command.join(" ")}`);
  });

  it("prints the version", async () => {
    const { code, out } = await ordo("--version");
    expect(code).toBe(0);
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("usage errors", () => {
  it("reports an unknown option as one line and exits 2", async () => {
    const { code, err } = await ordo("config", "view", "--bogus");
    expect(code).toBe(2);
    expect(err).toBe("error: unknown option '--bogus' (ORDO_INVALID_INPUT)\n");
  });

  it("reports an unknown command and exits 2", async () => {
    const { code, err } = await ordo("frobnicate");
    expect(code).toBe(2);
    expect(err).toMatch(/^error: unknown command 'frobnicate'.*\(ORDO_INVALID_INPUT\)\n$/);
  });

  it("reports a missing argument and exits 2", async () => {
    const { code, err } = await ordo("flow-run", "inspect");
    expect(code).toBe(2);
    expect(err).toContain("missing required argument 'id'");
  });

  it("shows help and exits 2 for a command group without a subcommand", async () => {
    const { code, err } = await ordo("flow-run");
    expect(code).toBe(2);
    expect(err).toContain("Usage: ordo flow-run");
  });

  it("rejects a malformed --param before loading the flow", async () => {
    const { code, err } = await ordo("run", "does-not-exist.ts:flow", "--param", "oops");
    expect(code).toBe(2);
    expect(err).toBe('error: invalid --param "oops": expected key=value (ORDO_INVALID_INPUT)\n');
  });

  it("rejects a bad --limit", async () => {
    const { code, err } = await ordo("flow-run", "ls", "--limit", "0");
    expect(code).toBe(2);
    expect(err).toContain("--limit must be an integer from 1 to 1000");
  });

  it("rejects an unknown --state name", async () => {
    const { code, err } = await ordo("flow-run", "ls", "--state", "Done");
    expect(code).toBe(2);
    expect(err).toMatch(/^error: unknown state "Done".*\(ORDO_INVALID_INPUT\)\n$/);
  });
});

describe("ordo config view", () => {
  it("shows only the settings that are set, with their source", async () => {
    process.env.ORDO_LOGGING_LEVEL = "debug";
    const { code, out } = await ordo("config", "view");
    expect(code).toBe(0);
    expect(out).toBe("ORDO_LOGGING_LEVEL='debug' (from env)\n");
  });

  it("shows every setting with --show-defaults", async () => {
    const { out } = await ordo("config", "view", "--show-defaults");
    expect(out).toContain("ORDO_HEARTBEAT_SECONDS='10' (from default)");
    expect(out).toContain("ORDO_API_URL=(unset) (from default)");
    expect(out.trim().split("\n")).toHaveLength(Object.keys(SETTING_DEFINITIONS).length);
  });

  it("prints { NAME: { value, source } } with --json", async () => {
    process.env.ORDO_HOME = "/tmp/ordo-home";
    const { out } = await ordo("config", "view", "--json", "--show-defaults");
    const data = JSON.parse(out) as Record<string, { value: unknown; source: string }>;
    expect(data.ORDO_HOME).toEqual({ value: "/tmp/ordo-home", source: "env" });
    expect(data.ORDO_TASK_RUNNER_MAX_CONCURRENCY).toEqual({ value: 64, source: "default" });
    expect(data.ORDO_API_URL).toEqual({ value: null, source: "default" });
  });

  it("hides passwords in URLs", async () => {
    process.env.ORDO_DATABASE_URL = "postgres://ordo:secret@db:5432/ordo";
    const { out } = await ordo("config", "view");
    expect(out).not.toContain("secret");
    expect(out).toContain("postgres://ordo:****@db:5432/ordo");
  });

  it("reports an invalid setting as a usage error naming it", async () => {
    process.env.ORDO_TASK_RUNNER_MAX_CONCURRENCY = "lots";
    const { code, err } = await ordo("config", "view");
    expect(code).toBe(2);
    expect(err).toBe(
      'error: invalid ORDO_TASK_RUNNER_MAX_CONCURRENCY="lots" (from env): expected an integer >= 1 (ORDO_INVALID_SETTING)\n',
    );
  });
});
