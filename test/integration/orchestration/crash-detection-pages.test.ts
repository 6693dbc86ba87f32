/**
 * What crash detection reads, on SQLite and PostgreSQL: only unfinished runs that record a
 * host, one state type at a time, in pages in id order with a turn of the event loop
 * between them, so a server with many running runs keeps answering.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import * as api from "../../../src/api/index.js";
import type { StateData, StateName, StateType } from "../../../src/states/index.js";
import type { HostedFlowRunQuery, Store } from "../../../src/store/index.js";
import { storeBackends, withStore } from "../../helpers/store-backends.js";

const backends = storeBackends("crash-pages");

async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid!;
}

function state(type: StateType, name: StateName): StateData {
  return { type, name, timestamp: Date.now() };
}

/** A Running run of a dead process on this host (or of no host at all). */
async function deadRun(store: Store, pid: number | undefined, stateData = state("RUNNING", "Running")) {
  return api.createFlowRun(store, {
    flowName: "etl",
    name: "r",
    state: stateData,
    ...(pid === undefined ? {} : { host: hostname(), pid }),
  });
}

describe.each(backends)("crash detection reads on %s", (_name, open) => {
  it("reads only runs of the state type that record a host, in id order after the given id, up to the limit", async () => {
    await withStore(open, async (store) => {
      const pid = await exitedPid();
      const hosted = [];
      for (let i = 0; i < 5; i++) hosted.push(await deadRun(store, pid));
      await deadRun(store, undefined);
      await deadRun(store, pid, state("PENDING", "Pending"));
      const ids = hosted.map((r) => r.id).sort();

      const first = await store.readHostedFlowRuns({ stateType: "RUNNING", limit: 3 });
      expect(first.map((r) => r.id)).toEqual(ids.slice(0, 3));
      expect(first[0]).toEqual({
        id: ids[0],
        host: hostname(),
        pid,
        heartbeatAt: undefined,
        updatedAt: expect.any(Number) as number,
      });
      const rest = await store.readHostedFlowRuns({ stateType: "RUNNING", afterId: ids[2], limit: 3 });
      expect(rest.map((r) => r.id)).toEqual(ids.slice(3));
    });
  });

  it("marks every dead run when there are more than one page of them, and never a run without a host", async () => {
    await withStore(open, async (store) => {
      const pid = await exitedPid();
      const dead = [];
      for (let i = 0; i < 5; i++) dead.push(await deadRun(store, pid));
      dead.push(await deadRun(store, pid, state("PENDING", "Pending")));
      dead.push(await deadRun(store, pid, state("CANCELLING", "Cancelling")));
      const hostless = await deadRun(store, undefined);

      const marked = await api.markCrashedRuns(store, { pageSize: 2 });

      expect([...marked].sort()).toEqual(dead.map((r) => r.id).sort());
      expect((await api.readFlowRun(store, hostless.id)).state.type).toBe("RUNNING");
    });
  });

  it("lets the event loop turn between pages", async () => {
    await withStore(open, async (store) => {
      const pid = await exitedPid();
      for (let i = 0; i < 3; i++) await deadRun(store, pid);
      const seen: string[] = [];
      const watched = new Proxy(store, {
        get(target, key) {
          if (key === "readHostedFlowRuns") {
            return (query: HostedFlowRunQuery) => {
              seen.push(`page ${query.stateType}`);
              setImmediate(() => seen.push("turn"));
              return target.readHostedFlowRuns(query);
            };
          }
          const value: unknown = Reflect.get(target, key, target);
          return typeof value === "function"
            ? (value as (...args: unknown[]) => unknown).bind(target)
            : value;
        },
      });

      await api.markCrashedRuns(watched, { pageSize: 1 });

      // Three pages of one run, then an empty one: a turn in each of the three gaps.
      const gaps = seen.join(" ").split("page RUNNING").slice(1, -1);
      expect(gaps).toHaveLength(3);
      for (const gap of gaps) expect(gap).toContain("turn");
    });
  });
});
