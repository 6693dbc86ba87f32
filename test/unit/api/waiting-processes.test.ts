/**
 * Which claimed run may start in which waiting process of a claim: one that was started
 * for the same entrypoint, path and job, each process for one run.
 */
import { describe, expect, it } from "vitest";
import { WaitingProcesses, fitsRun } from "../../../src/api/waiting-processes.js";
import type { WaitingProcess } from "../../../src/schemas/index.js";

const needs = { entrypoint: "flows/f.ts:f", path: "/srv/app", job: { env: { A: "1" } } };
const waiting = (pid: number, extra: Partial<WaitingProcess> = {}): WaitingProcess => ({
  host: "h",
  pid,
  entrypoint: "flows/f.ts:f",
  path: "/srv/app",
  job: { env: { A: "1" } },
  ...extra,
});

describe("waiting processes of a claim", () => {
  it("fit a run with the same entrypoint, path, command, folder and environment", () => {
    expect(fitsRun(waiting(1), needs)).toBe(true);
    expect(fitsRun(waiting(1, { entrypoint: "flows/g.ts:g" }), needs)).toBe(false);
    expect(fitsRun(waiting(1, { path: undefined }), needs)).toBe(false);
    expect(fitsRun(waiting(1, { job: { env: { A: "2" } } }), needs)).toBe(false);
    expect(fitsRun(waiting(1, { job: { env: { A: "1", B: "2" } } }), needs)).toBe(false);
    expect(fitsRun(waiting(1, { job: { env: { A: "1" }, workingDir: "/tmp" } }), needs)).toBe(false);
  });

  it("never fit a run whose job is a command of its own", () => {
    const command = { env: {}, command: "make run" };
    expect(fitsRun(waiting(1, { job: command }), { ...needs, job: command })).toBe(false);
  });

  it("give each process to one run, and take one back when its run could not start in it", () => {
    const processes = new WaitingProcesses([waiting(1), waiting(2, { entrypoint: "flows/g.ts:g" })]);
    const first = processes.take(needs);
    expect(first?.pid).toBe(1);
    expect(processes.take(needs)).toBeUndefined();
    processes.giveBack(first!);
    expect(processes.take(needs)?.pid).toBe(1);
    expect(processes.take({ ...needs, entrypoint: "flows/g.ts:g" })?.pid).toBe(2);
  });
});
