import { describe, expect, it } from "vitest";
import {
  ConcurrentTaskRunner,
  SequentialTaskRunner,
  allowFailure,
  asCompleted,
  flow,
  quote,
  task,
  unmapped,
  wait,
} from "../../../src/index.js";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";

const { client } = useTempOrdoHome();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("t.state()", () => {
  it("returns a Failed state instead of throwing", async () => {
    const risky = task({ name: "risky" }, async (x: number) => {
      if (x > 0) throw new Error("too big");
      return x;
    });
    const f = flow({ name: "state-style" }, async () => {
      const st = await risky.state(1);
      return { failed: st.isFailed(), message: st.message, taskRunId: st.taskRunId };
    });
    const value = await f();
    expect(value.failed).toBe(true);
    expect(value.message).toContain("too big");
    expect(value.taskRunId).toBeDefined();
  });
});

describe("t.submit() and futures", () => {
  it("returns a future whose result() is the value and wait() the state", async () => {
    const inc = task({ name: "inc" }, async (x: number) => x + 1);
    const f = flow({ name: "submit-style" }, async () => {
      const fut = inc.submit(1);
      const state = await fut.wait();
      return { value: await fut.result(), name: state.name };
    });
    expect(await f()).toEqual({ value: 2, name: "Completed" });
  });

  it("resolves futures passed as arguments and records which task run fed which argument", async () => {
    const one = task({ name: "one" }, async () => 1);
    const plus = task({ name: "plus" }, async (a: number, b: { x: number }) => a + b.x);
    const f = flow({ name: "deps" }, async () => {
      const a = one.submit();
      const b = one.submit();
      return plus.submit(a, { x: b }).result();
    });
    const state = await f.state();
    expect(await state.result()).toBe(2);
    const runs = await (await client()).readTaskRuns({ flowRunId: state.flowRunId! });
    const ones = runs.filter((r) => r.taskKey === "one").map((r) => r.id);
    const plusRun = runs.find((r) => r.taskKey === "plus")!;
    expect(plusRun.inputs).toEqual({ "0": [ones[0]], "1.x": [ones[1]] });
  });

  it("fails a task whose upstream failed, without running it", async () => {
    let ran = false;
    const bad = task({ name: "bad" }, async (): Promise<number> => {
      throw new Error("nope");
    });
    const after = task({ name: "after" }, async (x: number) => {
      ran = true;
      return x;
    });
    const f = flow({ name: "upstream" }, async () => (await after.state(bad.submit())).error?.code);
    expect(await f()).toBe("ORDO_UPSTREAM_FAILED");
    expect(ran).toBe(false);
  });

  it("never raises an unhandled rejection for a failed future nobody awaits, and the flow waits for it", async () => {
    const rejections: unknown[] = [];
    const onRejection = (e: unknown) => rejections.push(e);
    process.on("unhandledRejection", onRejection);
    let finished = false;
    const slowFail = task({ name: "slow-fail" }, async () => {
      await sleep(30);
      finished = true;
      throw new Error("ignored");
    });
    const f = flow({ name: "fire-and-forget" }, async () => {
      slowFail.submit();
      return "done";
    });
    const state = await f.state();
    await sleep(10);
    process.off("unhandledRejection", onRejection);
    expect(finished).toBe(true);
    expect(state.name).toBe("Completed");
    expect(rejections).toEqual([]);
  });
});

describe("t.map()", () => {
  it("submits one run per element, passing unmapped values and strings whole", async () => {
    const scale = task(
      { name: "scale" },
      async (x: number, factor: number, label: string) => `${label}${x * factor}`,
    );
    const f = flow({ name: "map-style" }, async () => {
      const futures = scale.map([1, 2, 3], unmapped(10), "v");
      return Promise.all(futures.map((fut) => fut.result()));
    });
    expect(await f()).toEqual(["v10", "v20", "v30"]);
  });

  it("rejects iterables of different lengths", async () => {
    const pair = task({ name: "pair" }, async (a: number, b: number) => a + b);
    const f = flow({ name: "map-mismatch" }, async () => pair.map([1, 2], [1]));
    await expect(f()).rejects.toThrow(/differ in length/);
  });
});

describe("t.with()", () => {
  it("orders runs with waitFor, without passing data", async () => {
    const order: string[] = [];
    const first = task({ name: "first" }, async () => {
      await sleep(20);
      order.push("first");
    });
    const second = task({ name: "second" }, async () => {
      order.push("second");
    });
    const f = flow({ name: "wait-for" }, async () => {
      const a = first.submit();
      await second
        .with({ waitFor: [a] })
        .submit()
        .wait();
    });
    const state = await f.state();
    expect(order).toEqual(["first", "second"]);
    const runs = await (await client()).readTaskRuns({ flowRunId: state.flowRunId! });
    const firstId = runs.find((r) => r.taskKey === "first")!.id;
    expect(runs.find((r) => r.taskKey === "second")!.waitFor).toEqual([firstId]);
  });

  it("runs after a failed upstream wrapped in allowFailure", async () => {
    const fails = task({ name: "fails" }, async () => {
      throw new Error("x");
    });
    const cleanup = task({ name: "cleanup" }, async () => "cleaned");
    const f = flow({ name: "allow-failure" }, async () =>
      cleanup
        .with({ waitFor: [allowFailure(fails.submit())] })
        .submit()
        .result(),
    );
    expect(await f()).toBe("cleaned");
  });

  it("overrides options such as retries for one use", async () => {
    let calls = 0;
    const flaky = task({ name: "flaky-with" }, async () => {
      calls++;
      if (calls < 3) throw new Error("again");
      return calls;
    });
    const f = flow({ name: "with-retries" }, async () => flaky.with({ retries: 2, retryDelaySeconds: 0 })());
    expect(await f()).toBe(3);
  });
});

describe("quote()", () => {
  it("passes a value untouched, futures inside included", async () => {
    const inner = task({ name: "inner" }, async () => 1);
    const look = task(
      { name: "look" },
      async (v: { f: unknown }) => typeof (v.f as { result?: unknown }).result,
    );
    const f = flow({ name: "quote-style" }, async () => look(quote({ f: inner.submit() })));
    expect(await f()).toBe("function");
  });
});

describe("wait() and asCompleted()", () => {
  it("splits futures into done and not done at the timeout", async () => {
    const nap = task({ name: "nap" }, async (ms: number) => {
      await sleep(ms);
      return ms;
    });
    const f = flow({ name: "wait-style" }, async () => {
      const futures = [nap.submit(1), nap.submit(300)];
      const { done, notDone } = await wait(futures, { timeoutSeconds: 0.1 });
      return [done.length, notDone.length];
    });
    expect(await f()).toEqual([1, 1]);
  });

  it("yields futures in completion order", async () => {
    const nap = task({ name: "nap2" }, async (ms: number) => {
      await sleep(ms);
      return ms;
    });
    const f = flow({ name: "as-completed" }, async () => {
      const order: number[] = [];
      for await (const fut of asCompleted([nap.submit(60), nap.submit(1), nap.submit(30)]))
        order.push(await fut.result());
      return order;
    });
    expect(await f()).toEqual([1, 30, 60]);
  });
});

describe("nested task calls", () => {
  it("links a task called inside a task to its parent task run", async () => {
    const leaf = task({ name: "leaf" }, async () => "leaf");
    const branch = task({ name: "branch" }, async () => leaf());
    const f = flow({ name: "nested" }, async () => branch());
    const state = await f.state();
    const runs = await (await client()).readTaskRuns({ flowRunId: state.flowRunId! });
    const branchRun = runs.find((r) => r.taskKey === "branch")!;
    expect(runs.find((r) => r.taskKey === "leaf")!.parentTaskRunId).toBe(branchRun.id);
  });

  it("does not deadlock a sequential runner when a submitted task submits another", async () => {
    const leaf = task({ name: "seq-leaf" }, async () => 1);
    const branch = task({ name: "seq-branch" }, async () => leaf.submit().result());
    const f = flow({ name: "seq-nested", taskRunner: new SequentialTaskRunner() }, async () =>
      branch.submit().result(),
    );
    expect(await f()).toBe(1);
  });
});

describe("task runners", () => {
  it("bounds concurrency", async () => {
    let active = 0;
    let peak = 0;
    const busy = task({ name: "busy" }, async (_i: number) => {
      active++;
      peak = Math.max(peak, active);
      await sleep(5);
      active--;
    });
    const f = flow(
      { name: "bounded", taskRunner: new ConcurrentTaskRunner({ maxConcurrency: 3 }) },
      async () => {
        await Promise.all(busy.map(Array.from({ length: 20 }, (_, i) => i)).map((x) => x.wait()));
      },
    );
    await f();
    expect(peak).toBe(3);
  });

  it("runs submitted tasks one at a time in order with SequentialTaskRunner", async () => {
    const order: number[] = [];
    const step = task({ name: "step" }, async (i: number) => {
      await sleep(3 - i);
      order.push(i);
    });
    const f = flow({ name: "sequential", taskRunner: new SequentialTaskRunner() }, async () => {
      await Promise.all(step.map([0, 1, 2]).map((x) => x.wait()));
    });
    await f();
    expect(order).toEqual([0, 1, 2]);
  });
});
