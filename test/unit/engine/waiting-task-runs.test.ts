import { describe, expect, it } from "vitest";
import { ConcurrentTaskRunner } from "../../../src/engine/runners/concurrent-task-runner.js";
import type { TaskRunner } from "../../../src/engine/runners/task-runner.js";
import { WaitingTaskRuns } from "../../../src/engine/waiting-task-runs.js";

const tick = async () => {
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
};

/** A runner that holds every work function it is given, for the test to call. */
function heldRunner(name: string): { runner: TaskRunner; works: (() => Promise<unknown>)[] } {
  const works: (() => Promise<unknown>)[] = [];
  const runner: TaskRunner = {
    name,
    schedule: (work) => void works.push(work),
    acquire: () => () => undefined,
  };
  return { runner, works };
}

describe("WaitingTaskRuns", () => {
  it("starts runs in the order they were added, as the runner frees slots", async () => {
    const waiting = new WaitingTaskRuns(new ConcurrentTaskRunner({ maxConcurrency: 2 }));
    const started: number[] = [];
    const finish: (() => void)[] = [];
    for (let i = 0; i < 5; i++) {
      waiting.add({
        start: () => {
          started.push(i);
          return new Promise<void>((resolve) => finish.push(resolve));
        },
      });
    }
    expect(started).toEqual([0, 1]);
    expect(waiting.size).toBe(3);
    finish[1]!();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const f of finish.splice(0)) f();
    await tick();
    for (const f of finish.splice(0)) f();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(waiting.size).toBe(0);
  });

  it("gives the runner one work function, whatever the number of runs", () => {
    const given = new Set<unknown>();
    const runner: TaskRunner = {
      name: "recording",
      schedule: (work) => void given.add(work),
      acquire: () => () => undefined,
    };
    const waiting = new WaitingTaskRuns(runner);
    for (let i = 0; i < 3; i++) waiting.add({ start: () => Promise.resolve() });
    expect(given.size).toBe(1);
    expect(waiting.size).toBe(3);
  });

  it("keeps call order across a long queue that is started in bursts (its storage is compacted on the way)", () => {
    const { runner, works } = heldRunner("held");
    const waiting = new WaitingTaskRuns(runner);
    const started: number[] = [];
    const add = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        waiting.add({
          start: () => {
            started.push(i);
            return Promise.resolve();
          },
        });
      }
    };
    add(0, 10_000);
    for (const work of works.splice(0, 6_000)) void work();
    expect(waiting.size).toBe(4_000);
    add(10_000, 12_000);
    for (const work of works.splice(0)) void work();
    expect(waiting.size).toBe(0);
    expect(started).toEqual(Array.from({ length: 12_000 }, (_, i) => i));
  });

  it("refuses a runner that starts more work than it was given, with a clear error", () => {
    const { runner, works } = heldRunner("twice");
    const waiting = new WaitingTaskRuns(runner);
    let starts = 0;
    waiting.add({ start: () => Promise.resolve(starts++) });
    void works[0]!();
    expect(() => works[0]!()).toThrow("a task runner started more work than it was given");
    expect(starts).toBe(1);
  });
});
