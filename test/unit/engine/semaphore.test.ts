import { describe, expect, it } from "vitest";
import { Semaphore } from "../../../src/engine/runners/task-runner.js";

// Two turns: a release may start the next work from a macrotask of its own (see the yield test).
const tick = async () => {
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
};

describe("Semaphore", () => {
  it("starts work at once while slots are free", () => {
    const s = new Semaphore(2);
    const started: number[] = [];
    for (const i of [1, 2, 3]) s.schedule(() => (started.push(i), new Promise(() => undefined)));
    expect(started).toEqual([1, 2]);
    expect(s.free).toBe(0);
  });

  it("starts queued work in FIFO order as slots free", async () => {
    const s = new Semaphore(1);
    const order: number[] = [];
    const finishers: (() => void)[] = [];
    for (const i of [1, 2, 3]) {
      s.schedule(() => {
        order.push(i);
        return new Promise<void>((resolve) => finishers.push(resolve));
      });
    }
    expect(order).toEqual([1]);
    finishers[0]!();
    await tick();
    expect(order).toEqual([1, 2]);
    finishers[1]!();
    await tick();
    expect(order).toEqual([1, 2, 3]);
  });

  it("frees the slot when work throws synchronously or rejects", async () => {
    const s = new Semaphore(1);
    s.schedule(() => {
      throw new Error("sync");
    });
    expect(s.free).toBe(1);
    s.schedule(() => Promise.reject(new Error("async")));
    await tick();
    expect(s.free).toBe(1);
  });

  it("hands out acquire() slots in turn with scheduled work", async () => {
    const s = new Semaphore(1);
    const release = s.acquire();
    expect(typeof release).toBe("function");
    const waiting = s.acquire();
    expect(waiting).toBeInstanceOf(Promise);
    (release as () => void)();
    const second = await waiting;
    second();
    expect(s.free).toBe(1);
  });

  it("lets timers run during a long chain of work that settles on microtasks", async () => {
    const s = new Semaphore(4);
    let timerFired = false;
    const timer = setTimeout(() => (timerFired = true), 1);
    let done = 0;
    const all = new Promise<void>((resolve) => {
      for (let i = 0; i < 200_000; i++) {
        s.schedule(async () => {
          if (++done === 200_000) resolve();
        });
      }
    });
    let firedBeforeEnd = false;
    const watcher = setInterval(() => {
      if (timerFired && done < 200_000) firedBeforeEnd = true;
    }, 0);
    await all;
    clearInterval(watcher);
    clearTimeout(timer);
    expect(firedBeforeEnd).toBe(true);
  });

  it("rejects a size below 1", () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
