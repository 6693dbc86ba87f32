import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { crashReason } from "../../../src/api/crashed-runs.js";
import { isProcessAlive } from "../../../src/api/process-liveness.js";

const here = { host: "here", pid: 4242 };
const MINUTE = 60_000;

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid!;
}

describe("crash detection", () => {
  it("treats a run of this host whose process is gone as crashed", async () => {
    const pid = await deadPid();
    const reason = crashReason(
      { host: "here", pid, heartbeatAt: 1_000, updatedAt: 1_000 },
      here,
      1_000,
      10 * MINUTE,
    );
    expect(reason).toBe(`process ${pid} on host here is gone`);
  });

  it("leaves a run of this host whose process lives, however old its heartbeat", () => {
    const reason = crashReason(
      { host: "here", pid: process.pid, heartbeatAt: 0, updatedAt: 0 },
      here,
      100 * MINUTE,
      MINUTE,
    );
    expect(reason).toBeUndefined();
  });

  it("never marks the current process's own runs", () => {
    expect(
      crashReason({ host: "here", pid: 4242, heartbeatAt: 0, updatedAt: 0 }, here, 100 * MINUTE, MINUTE),
    ).toBeUndefined();
  });

  it("treats a run of another host as crashed once its heartbeat is older than the stale limit", () => {
    const run = { host: "there", pid: 7, heartbeatAt: 0, updatedAt: 0 };
    expect(crashReason(run, here, 10 * MINUTE, 10 * MINUTE)).toBeUndefined();
    expect(crashReason(run, here, 10 * MINUTE + 1, 10 * MINUTE)).toMatch(
      /no heartbeat from process 7 on host there/,
    );
  });

  it("uses the last update as the sign of life of a run that never sent a heartbeat", () => {
    const run = { host: "there", pid: undefined, heartbeatAt: undefined, updatedAt: 5 * MINUTE };
    expect(crashReason(run, here, 10 * MINUTE, 10 * MINUTE)).toBeUndefined();
    expect(crashReason(run, here, 16 * MINUTE, 10 * MINUTE)).toMatch(/no heartbeat from host there/);
  });

  it("leaves runs no process has claimed (no host)", () => {
    expect(
      crashReason(
        { host: undefined, pid: undefined, heartbeatAt: undefined, updatedAt: 0 },
        here,
        100 * MINUTE,
        MINUTE,
      ),
    ).toBeUndefined();
  });
});

describe("process liveness", () => {
  it("says the current process is alive", () => {
    expect(isProcessAlive(process.pid)).toBe(true);
  });

  it("says an exited process is gone", async () => {
    expect(isProcessAlive(await deadPid())).toBe(false);
  });

  it("counts a pid it cannot check as alive", () => {
    expect(isProcessAlive(0)).toBe(true);
    expect(isProcessAlive(-1)).toBe(true);
  });
});
