/**
 * `ordo server start`, `ordo variable`, `ordo artifact`, `ordo events ls`, `ordo events stream` and
 * `ordo flow-run logs --follow`, as a user runs them: real child processes.
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runOrdo, spawnOrdo, waitForOutput } from "../../helpers/ordo-cli.js";

const FLOWS = "test/integration/cli/fixtures/publishing-flow.ts";
let home: string;
const children: ChildProcess[] = [];

const ordo = (args: readonly string[]) => runOrdo(args, { ORDO_HOME: home });

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ordo-cli-srv-"));
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await rm(home, { recursive: true, force: true });
});

describe("ordo server start", () => {
  it("serves the API, prints where to point clients, and stops cleanly on SIGTERM", async () => {
    // The built CLI, as users run it: the ready time then measures Ordo, not tsx compiling sources.
    const server = spawnOrdo(["server", "start", "--port", "0"], { ORDO_HOME: home }, { built: true });
    children.push(server);
    const [, readyMs, apiUrl] = await waitForOutput(
      server,
      /ready in (\d+) ms[\s\S]*ORDO_API_URL=(http:\/\/127\.0\.0\.1:\d+\/api)/,
    );
    expect(Number(readyMs)).toBeLessThan(1000);
    const health = await fetch(`${apiUrl}/health`);
    expect(await health.json()).toEqual({ status: "ok" });
    const docs = await fetch(`${apiUrl!.replace(/\/api$/, "")}/docs`);
    expect(docs.status).toBe(200);
    server.kill("SIGTERM");
    const [code] = (await once(server, "exit")) as [number | null];
    expect(code).toBe(0);
  });

  it("refuses a bad port with a one-line error and exit 2", async () => {
    const r = await ordo(["server", "start", "--port", "99999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: invalid --port .*\(ORDO_INVALID_INPUT\)\n$/);
  });
});

describe("ordo server database reset", () => {
  it("refuses without --yes (exit 2) and deletes nothing; with --yes it empties the database", async () => {
    expect((await ordo(["variable", "set", "keep_me", "1"])).code).toBe(0);
    const refused = await ordo(["server", "database", "reset"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    expect((await ordo(["variable", "get", "keep_me"])).stdout).toBe("1\n");
    expect((await ordo(["server", "database", "reset", "--yes"])).code).toBe(0);
    expect((await ordo(["variable", "get", "keep_me"])).code).toBe(1);
  });
});

describe("ordo variable", () => {
  it("sets, gets, lists and unsets variables", async () => {
    expect((await ordo(["variable", "set", "batch_size", "500"])).code).toBe(0);
    expect((await ordo(["variable", "set", "greeting", "hello", "--tag", "demo"])).code).toBe(0);
    expect((await ordo(["variable", "get", "batch_size"])).stdout).toBe("500\n");
    expect((await ordo(["variable", "get", "greeting"])).stdout).toBe('"hello"\n');
    const ls = await ordo(["variable", "ls", "--json"]);
    expect((JSON.parse(ls.stdout) as { name: string }[]).map((v) => v.name)).toEqual([
      "batch_size",
      "greeting",
    ]);
    expect((await ordo(["variable", "unset", "greeting"])).code).toBe(0);
    const gone = await ordo(["variable", "get", "greeting"]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("(ORDO_NOT_FOUND)");
  });

  it("refuses an invalid name with exit 2", async () => {
    const r = await ordo(["variable", "set", "Not Valid", "1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("(ORDO_INVALID_INPUT)");
  });
});

describe("artifacts, variables and events from a flow", () => {
  it("lists the artifacts a flow published, and inspects one key's versions", async () => {
    expect((await ordo(["run", `${FLOWS}:publish`])).code).toBe(0);
    const ls = await ordo(["artifact", "ls", "--json"]);
    const artifacts = JSON.parse(ls.stdout) as {
      key: string;
      type: string;
      data: unknown;
      taskRunId?: string;
    }[];
    expect(artifacts.map((a) => a.key).sort()).toEqual(["loaded-rows", "publish-progress", "report"]);
    expect(artifacts.find((a) => a.key === "publish-progress")?.data).toBe(100);
    expect(artifacts.find((a) => a.key === "loaded-rows")?.taskRunId).toEqual(expect.any(String));
    const inspect = await ordo(["artifact", "inspect", "report"]);
    expect(inspect.stdout).toContain("all done");
    expect((await ordo(["variable", "get", "last_publish"])).stdout).toBe('{"ok":true}\n');
  });

  it("lists the newest events first, filtered by name, as a table or JSON", async () => {
    expect((await ordo(["run", `${FLOWS}:publish`])).code).toBe(0);
    const json = await ordo(["events", "ls", "--event", "ordo.flow-run.*", "--limit", "2", "--json"]);
    const events = JSON.parse(json.stdout) as { event: string }[];
    expect(events.map((e) => e.event)).toEqual(["ordo.flow-run.Completed", "ordo.flow-run.Running"]);
    const table = await ordo(["events", "ls", "--event", "ordo.flow-run.Completed"]);
    expect(table.stdout).toMatch(
      /^OCCURRED\s+EVENT\s+RESOURCE\s+NAME\n.*ordo\.flow-run\.Completed\s+ordo\.flow-run\./,
    );
  });

  it("streams flow-run events as they happen", async () => {
    const stream = spawnOrdo(["events", "stream", "--event", "ordo.flow-run.*"], { ORDO_HOME: home });
    children.push(stream);
    await new Promise((r) => setTimeout(r, 1500)); // the stream starts after what exists
    expect((await ordo(["run", `${FLOWS}:publish`])).code).toBe(0);
    await waitForOutput(stream, /ordo\.flow-run\.Completed/);
    stream.kill("SIGINT");
  });

  it("follows a running flow's logs until it ends", async () => {
    const run = spawnOrdo(["run", `${FLOWS}:slow`], { ORDO_HOME: home });
    children.push(run);
    let id: string | undefined;
    for (let i = 0; i < 100 && id === undefined; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const ls = await ordo(["flow-run", "ls", "--json"]);
      id = (JSON.parse(ls.stdout || "[]") as { id: string }[])[0]?.id;
    }
    expect(id).toBeDefined();
    const follow = await ordo(["flow-run", "logs", id!, "--follow"]);
    expect(follow.code).toBe(0);
    expect(follow.stdout).toContain("tick 2");
  });
});
