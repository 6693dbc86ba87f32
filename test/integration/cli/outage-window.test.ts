/**
 * A server that does not answer: one-shot commands fail within their request retries;
 * commands that run or watch flows, and any command given ORDO_CLIENT_OUTAGE_SECONDS,
 * wait the outage out. Port 9 on loopback (discard) has no listener here.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runOrdo, spawnOrdo } from "../../helpers/ordo-cli.js";

const NOBODY = "http://127.0.0.1:9/api";
let home: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ordo-cli-outage-"));
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await rm(home, { recursive: true, force: true });
});

/** Resolves with everything `child` wrote once `pattern` is among it. */
function outputUntil(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((done, fail) => {
    let seen = "";
    const timer = setTimeout(() => fail(new Error(`no ${pattern} in: ${seen}`)), 30_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        done(seen);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
  });
}

describe("an unreachable server", () => {
  it("fails a one-shot command within its request retries (ORDO_SERVER_UNAVAILABLE, exit 1)", async () => {
    const r = await runOrdo(["deployment", "ls"], { ORDO_HOME: home, ORDO_API_URL: NOBODY });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the Ordo server at ${NOBODY}/deployments/filter does not answer`);
    expect(r.stderr).toContain("(ORDO_SERVER_UNAVAILABLE)");
    expect(r.stderr).not.toContain("retrying for up to");
    // 5 retries, 100 ms doubling with jitter: a few seconds, not the 300 s outage window.
    expect(r.ms).toBeLessThan(20_000);
  });

  it("is waited out by a worker, and by a one-shot command given ORDO_CLIENT_OUTAGE_SECONDS", async () => {
    const worker = spawnOrdo(["worker", "start", "--pool", "local"], {
      ORDO_HOME: home,
      ORDO_API_URL: NOBODY,
    });
    children.push(worker);
    expect(await outputUntil(worker, /retrying for up to 300 s/)).toContain(NOBODY);

    const ls = spawnOrdo(["deployment", "ls"], {
      ORDO_HOME: home,
      ORDO_API_URL: NOBODY,
      ORDO_CLIENT_OUTAGE_SECONDS: "120",
    });
    children.push(ls);
    await outputUntil(ls, /retrying for up to 120 s/);
    expect(ls.exitCode).toBeNull();
  });
});
