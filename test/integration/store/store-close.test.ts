/**
 * Closing a SQLite store (a server stopping) while writes are queued: the queued writes
 * are committed first, and what comes after is refused with a clear, retryable error
 * instead of a driver failure.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isOrdoError } from "../../../src/errors/index.js";
import { openSqliteStore } from "../../../src/store/index.js";

const root = mkdtempSync(join(tmpdir(), "ordo-close-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const newRun = (name: string) => ({
  flowName: "etl",
  name,
  state: { type: "PENDING", name: "Pending", timestamp: Date.now() } as const,
  parameters: {},
  tags: [],
  retries: 0,
  runCount: 0,
  createdAt: Date.now(),
});

describe("closing a store with group commit", () => {
  it("commits the writes queued before close, then refuses reads and writes with ORDO_SERVER_UNAVAILABLE", async () => {
    const path = join(root, "a.db");
    const store = await openSqliteStore({ path, groupCommit: true });
    const queued = Array.from({ length: 20 }, (_, i) => store.createFlowRun(newRun(`r${i}`)));
    await store.close();
    const created = await Promise.all(queued);
    expect(created).toHaveLength(20);

    const late = await store.createFlowRun(newRun("late")).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isOrdoError(late) && late.code).toBe("ORDO_SERVER_UNAVAILABLE");
    const read = await store.readFlowRun(created[0]!.run.id).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isOrdoError(read) && read.code).toBe("ORDO_SERVER_UNAVAILABLE");

    const reopened = await openSqliteStore({ path });
    try {
      expect(await reopened.readFlowRun(created[19]!.run.id)).toMatchObject({ name: "r19" });
    } finally {
      await reopened.close();
    }
  });
});
