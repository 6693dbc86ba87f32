/**
 * A server's SQLite store (group commit) checkpoints its WAL on a thread of its own: the
 * commits do not copy pages back into the database file, yet the file receives them
 * while the store is open, and nothing is lost when it closes.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { openSqliteStore } from "../../../src/store/index.js";
import { CheckpointThread } from "../../../src/store/sqlite/checkpoint-thread.js";

const root = mkdtempSync(join(tmpdir(), "ordo-checkpoint-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const newRun = (name: string) => ({
  flowName: "etl",
  name,
  state: { type: "PENDING", name: "Pending", timestamp: Date.now() } as const,
  parameters: { padding: "x".repeat(2000) },
  tags: [],
  retries: 0,
  runCount: 0,
  createdAt: Date.now(),
});

describe("WAL checkpoints of a server's store", () => {
  it("copies committed pages into the database file while the store is open, and keeps every run after close", async () => {
    const path = join(root, "server.db");
    const store = await openSqliteStore({ path, groupCommit: true });
    const before = statSync(path).size;
    // About 200 pages: below SQLite's own checkpoint threshold (1,000 pages).
    const created = await Promise.all(
      Array.from({ length: 300 }, (_, i) => store.createFlowRun(newRun(`r${i}`))),
    );
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before + 300 * 2000), {
      timeout: 10_000,
      interval: 50,
    });
    await store.close();

    const reopened = await openSqliteStore({ path });
    try {
      expect(await reopened.readFlowRun(created[299]!.run.id)).toMatchObject({ name: "r299" });
    } finally {
      await reopened.close();
    }
  });

  it("tells its owner when the thread stops on its own (so automatic checkpoints come back), and not when it is closed", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const stopped = vi.fn();
      const broken = new CheckpointThread({
        path: join(root, "no-such-folder", "x.db"),
        intervalMs: 50,
        busyTimeoutMs: 10,
        onStopped: stopped,
      });
      await vi.waitFor(() => expect(stopped).toHaveBeenCalledTimes(1), { timeout: 10_000, interval: 20 });
      expect(errors).toHaveBeenCalledWith(
        expect.stringContaining("checkpoint thread failed"),
        expect.anything(),
      );
      await broken.close();

      const closedNormally = vi.fn();
      const store = await openSqliteStore({ path: join(root, "closing.db") });
      await store.close();
      const thread = new CheckpointThread({
        path: join(root, "closing.db"),
        intervalMs: 50,
        busyTimeoutMs: 10,
        onStopped: closedNormally,
      });
      await thread.close();
      expect(closedNormally).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});
