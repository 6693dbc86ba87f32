import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../helpers/ordo-cli.js";
import { alive, eventually, FLOWS, useWorkerHarness } from "./harness.js";

const harness = useWorkerHarness();

describe("a worker stopped with SIGTERM", () => {
  it("gives a running run the grace period, then stops it, puts it back as AwaitingRetry and exits 0", async () => {
    const { client, dir, worker, waitForRun, track } = harness();
    await client.orchestration.createWorkPool({ name: "local", type: "process" });
    await client.orchestration.createDeployment({
      flowName: "worker-long",
      name: "shutdown",
      entrypoint: `${FLOWS}:long`,
      path: REPO_ROOT,
      workPoolName: "local",
    });
    const w = await worker("local", ["--grace-seconds", "1"]);
    const startedFile = join(dir, "started");
    const created = await client.orchestration.createDeploymentFlowRun("worker-long/shutdown", {
      parameters: { startedFile, seconds: 300 },
    });
    await waitForRun(created.id, (r) => r.state.type === "RUNNING");
    const childPid = await eventually("the run's process", () =>
      existsSync(startedFile) ? Number(readFileSync(startedFile, "utf8")) : undefined,
    );
    track(childPid);

    const stoppedAt = Date.now();
    w.child.kill("SIGTERM");
    const exit = await w.exited;
    const tookMs = Date.now() - stoppedAt;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(tookMs).toBeGreaterThanOrEqual(1000);
    // Grace (1 s) and the stop of the run's process (≤ 2 s); the waiting claim ends at once.
    expect(tookMs).toBeLessThan(6_000);
    expect(w.output()).toMatch(/flow run .* is stopped and goes back to its queue/);
    expect(alive(childPid)).toBe(false);

    const run = await client.readFlowRun(created.id);
    expect([run.state.type, run.state.name]).toEqual(["SCHEDULED", "AwaitingRetry"]);
    const names = (await client.readFlowRunStates(created.id)).map((s) => s.name);
    expect(names.slice(0, 4)).toEqual(["Scheduled", "InfrastructurePending", "Pending", "Running"]);
    expect(names.at(-1)).toBe("AwaitingRetry");
  });

  it("ends the claim waiting on the server at once: an idle worker exits 0 well within its 10 s claim wait, OFFLINE at once", async () => {
    const { client, worker } = harness();
    await client.orchestration.createWorkPool({ name: "local", type: "process" });
    const w = await worker("local", ["--name", "idle"]);
    // Let its first claim reach the server and wait there.
    await new Promise((done) => setTimeout(done, 500));
    expect((await client.orchestration.readWorkPool("local")).status).toBe("READY");

    const stoppedAt = Date.now();
    w.child.kill("SIGTERM");
    const exit = await w.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(w.output()).not.toMatch(/could not claim runs|heartbeat failed/);
    // Its last heartbeat said it stopped: OFFLINE now, not three heartbeat intervals later.
    const [stopped] = await client.orchestration.readWorkers("local");
    expect(stopped).toMatchObject({ name: "idle", status: "OFFLINE", stoppedAt: expect.any(Number) });
    expect(stopped?.stoppedAt).toBeGreaterThanOrEqual(stoppedAt);
    expect((await client.orchestration.readWorkPool("local")).status).toBe("NOT_READY");
  });
});
