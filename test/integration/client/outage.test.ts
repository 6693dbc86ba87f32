/**
 * Server outages with real processes: a server child killed with SIGKILL in the middle
 * of a 2,000-task flow running in another child, then restarted on the same port and
 * database; and a flow process killed during an outage, whose spool file the next Ordo
 * process delivers.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../src/client/http-client.js";
import { freePort } from "../../helpers/flaky-proxy.js";
import { spawnTsx } from "../../helpers/spawn-tsx.js";

const SERVE = new URL("./fixtures/serve.ts", import.meta.url).pathname;
const FLOW = new URL("./fixtures/outage-flow.ts", import.meta.url).pathname;
const OPEN_CLIENT = new URL("./fixtures/open-client.ts", import.meta.url).pathname;

let root = "";
const children: ChildProcess[] = [];
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "ordo-outage-"));
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(root, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Starts a server child over `folder` on `port`, resolved once it listens. */
async function startServerChild(folder: string, port: number): Promise<ChildProcess> {
  const { child } = spawnTsx(SERVE, [folder, String(port)], {});
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  await until("the server to listen", 20_000, async () => (out.includes("ready") ? true : undefined));
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

function flowEnv(home: string, port: number): NodeJS.ProcessEnv {
  return {
    ORDO_HOME: home,
    ORDO_API_URL: `http://127.0.0.1:${port}/api`,
    ORDO_API_TIMEOUT_SECONDS: "5",
    ORDO_CLIENT_OUTAGE_SECONDS: "60",
    ORDO_TEST_CLIENT: "",
  };
}

/** Every `task i` line of a flow run, counted. */
function countTaskLines(messages: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages) if (m.startsWith("task ")) counts.set(m, (counts.get(m) ?? 0) + 1);
  return counts;
}

describe("a server killed in the middle of a flow", () => {
  it("loses nothing: the flow completes with all 2,000 task runs Completed and every log line once", async () => {
    const port = await freePort();
    const db = join(root, "server-1");
    let server = await startServerChild(db, port);
    const reader = HttpClient.open({
      apiUrl: `http://127.0.0.1:${port}/api`,
      maxRetries: 100,
      onWarning: () => {},
    });
    const started = Date.now();
    const flowChild = spawnTsx(FLOW, ["2000", "80"], flowEnv(join(root, "flow-1"), port));
    children.push(flowChild.child);
    try {
      const flowRunId = await until("400 recorded task runs", 30_000, async () => {
        const [run] = await reader.readFlowRuns({ flowName: "outage-flow", limit: 1 });
        if (run === undefined) return undefined;
        const recorded = await reader.readTaskRuns({ flowRunId: run.id, limit: 100_000 });
        return recorded.length >= 400 ? run.id : undefined;
      });
      await kill(server);
      await sleep(1_500);
      server = await startServerChild(db, port);

      const exit = await Promise.race([flowChild.done, sleep(90_000).then(() => undefined)]);
      expect(exit, "the flow process ended").toBeDefined();
      expect(exit!.code, exit!.stderr).toBe(0);
      console.info(`outage test: flow of 2,000 tasks through a server restart in ${Date.now() - started} ms`);

      const run = await reader.readFlowRun(flowRunId);
      expect(run.state.name).toBe("Completed");
      const taskRuns = await reader.readTaskRuns({ flowRunId, limit: 100_000 });
      expect(taskRuns).toHaveLength(2000);
      expect(taskRuns.every((t) => t.state.name === "Completed")).toBe(true);
      const counts = countTaskLines(
        (await reader.readLogs({ flowRunId, limit: 100_000 })).map((l) => l.message),
      );
      expect(counts.size).toBe(2000);
      const twice = [...counts].filter(([, n]) => n !== 1).map(([m]) => m);
      // A batch whose answer the killed server never sent is sent again: written once by batchId.
      expect(twice, "log lines written more than once").toEqual([]);
    } finally {
      await reader.close();
      await kill(flowChild.child);
      await kill(server);
    }
  }, 150_000);
});

describe("a flow process killed during an outage", () => {
  it("leaves a spool file that the next Ordo process delivers, then deletes", async () => {
    const port = await freePort();
    const db = join(root, "server-2");
    const home = join(root, "flow-2");
    mkdirSync(home, { recursive: true });
    const goFile = join(root, "go");
    let server = await startServerChild(db, port);
    const flowChild = spawnTsx(FLOW, ["300", "1", goFile], flowEnv(home, port));
    children.push(flowChild.child);
    let out = "";
    flowChild.child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    try {
      await until("the flow to wait for its go file", 30_000, async () =>
        out.includes("waiting") ? true : undefined,
      );
      await kill(server);
      writeFileSync(goFile, "");
      await until("the tasks to finish", 30_000, async () => (out.includes("tasks-done") ? true : undefined));
      await sleep(500); // the recorder's last batches reach the spool file
      await kill(flowChild.child);
      const spool = join(home, "spool");
      expect(readdirSync(spool).length).toBeGreaterThan(0);

      server = await startServerChild(db, port);
      const next = spawnTsx(OPEN_CLIENT, [], flowEnv(home, port));
      children.push(next.child);
      const nextExit = await next.done;
      expect(nextExit.code, nextExit.stderr).toBe(0);
      expect(readdirSync(spool)).toEqual([]);

      const reader = HttpClient.open({ apiUrl: `http://127.0.0.1:${port}/api`, onWarning: () => {} });
      try {
        const [run] = await reader.readFlowRuns({ flowName: "outage-flow", limit: 1 });
        const taskRuns = await reader.readTaskRuns({ flowRunId: run!.id, limit: 100_000 });
        expect(taskRuns).toHaveLength(300);
        expect(taskRuns.every((t) => t.state.name === "Completed")).toBe(true);
        const counts = countTaskLines(
          (await reader.readLogs({ flowRunId: run!.id, limit: 100_000 })).map((l) => l.message),
        );
        expect(counts.size).toBe(300);
        expect([...counts].filter(([, n]) => n !== 1).map(([m]) => m)).toEqual([]);
      } finally {
        await reader.close();
      }
    } finally {
      await kill(flowChild.child);
      await kill(server);
      if (existsSync(goFile)) rmSync(goFile);
    }
  }, 120_000);
});
