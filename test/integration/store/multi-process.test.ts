import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedClient } from "../../../src/client/embedded-client.js";

const root = mkdtempSync(join(tmpdir(), "ordo-multi-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FIXTURE = fileURLToPath(new URL("./fixtures/concurrent-writer.ts", import.meta.url));
const CHILDREN = 8;
const TASK_RUNS = 1000;

interface ChildReport {
  readonly flowRunId: string;
  readonly extraFlowRuns: string[];
  readonly written: number;
  readonly elapsedMs: number;
}

function startChild(path: string, index: number) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", FIXTURE, path, String(index), String(TASK_RUNS)],
    {
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (stdout.includes("ready\n")) resolve();
    };
    child.stdout.on("data", check);
    child.on("exit", (code) => reject(new Error(`child ${index} exited (${code}) before ready: ${stderr}`)));
  });
  const exited = once(child, "exit").then(([code]) => ({ code: code as number | null, stdout, stderr }));
  return { child, ready, exited };
}

describe("several processes on one database", () => {
  // Generous timeout: starting 8 TypeScript processes on a small, busy machine takes a while;
  // the writing itself takes a second or two.
  it(
    `lets ${CHILDREN} processes write at once with no lock errors and no lost rows`,
    { timeout: 180_000 },
    async () => {
      const path = join(root, "shared", "ordo.db");
      await (await EmbeddedClient.open({ path })).close();
      const children = Array.from({ length: CHILDREN }, (_, i) => startChild(path, i));
      let results: Awaited<(typeof children)[number]["exited"]>[];
      try {
        await Promise.all(children.map((c) => c.ready));
        for (const { child } of children) child.stdin.end("go\n");
        results = await Promise.all(children.map((c) => c.exited));
      } finally {
        // On failure, leave no child waiting for "go".
        for (const { child } of children)
          if (child.exitCode === null && child.signalCode === null) child.kill();
      }

      for (const [i, result] of results.entries()) {
        expect(result.stderr, `child ${i} stderr`).not.toMatch(/locked|busy/i);
        expect(result.code, `child ${i} failed: ${result.stderr}`).toBe(0);
      }
      const reports = results.map((r) => JSON.parse(r.stdout.trim().split("\n").at(-1)!) as ChildReport);

      const client = await EmbeddedClient.open({ path });
      try {
        for (const report of reports) {
          expect(report.written).toBe(TASK_RUNS);
          const taskRuns = await client.readTaskRuns({ flowRunId: report.flowRunId, limit: 100_000 });
          expect(taskRuns).toHaveLength(TASK_RUNS);
          expect(new Set(taskRuns.map((t) => t.dynamicKey)).size).toBe(TASK_RUNS);
          const main = await client.readFlowRun(report.flowRunId);
          expect(main.state.type).toBe("COMPLETED");
          expect(main.runCount).toBe(1);
          for (const id of report.extraFlowRuns) {
            expect((await client.readFlowRunStates(id)).map((s) => s.name)).toEqual([
              "Pending",
              "Running",
              "Completed",
            ]);
          }
          expect(await client.readLogs({ flowRunId: report.flowRunId, limit: 100_000 })).toHaveLength(
            TASK_RUNS / 50,
          );
        }
        const flowRuns = await client.readFlowRuns({ limit: 1000 });
        const expected = reports.reduce((n, r) => n + 1 + r.extraFlowRuns.length, 0);
        expect(flowRuns).toHaveLength(expected);
      } finally {
        await client.close();
      }
    },
  );
});
