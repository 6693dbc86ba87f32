import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";
import { spawnTsx } from "../../helpers/spawn-tsx.js";

const { client, home } = useTempOrdoHome();
const FIXTURE = join(import.meta.dirname, "fixtures", "many-tasks-flow.ts");

describe("several processes on one ordo.db", () => {
  it("8 concurrent flow processes of 1,000 tasks each finish with no 'database is locked' and every row present", async () => {
    await client(); // migrate first, as a real first run would
    const children = Array.from({ length: 8 }, () => spawnTsx(FIXTURE, ["1000"], { ORDO_HOME: home() }));
    const results = await Promise.all(children.map((c) => c.done));
    for (const r of results) {
      expect(r.stderr).not.toMatch(/database is locked|SQLITE_BUSY/i);
      expect(r.code).toBe(0);
    }
    const ids = results.map(
      (r) => (JSON.parse(r.stdout.trim().split("\n").pop()!) as { flowRunId: string }).flowRunId,
    );
    const c = await client();
    for (const id of ids) {
      expect((await c.readFlowRun(id)).state.type).toBe("COMPLETED");
      const runs = await c.readTaskRuns({ flowRunId: id, limit: 5000 });
      expect(runs).toHaveLength(1000);
      expect(runs.every((r) => r.state.type === "COMPLETED")).toBe(true);
    }
  }, 120_000);
});
