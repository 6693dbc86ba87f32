import { describe, expect, it } from "vitest";
import { ConcurrentTaskRunner } from "../../../src/engine/runners/concurrent-task-runner.js";
import type { TaskRunner } from "../../../src/engine/runners/task-runner.js";
import { WaitingTaskRuns } from "../../../src/engine/waiting-task-runs.js";

const tick = async () => {
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
};

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
});
