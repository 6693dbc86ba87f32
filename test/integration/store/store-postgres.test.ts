import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { EmbeddedClient } from "../../../src/client/embedded-client.js";
import { MIGRATIONS } from "../../../src/store/index.js";
import { openPostgresStore } from "../../../src/store/postgres/index.js";
import { isOrdoError } from "../../../src/errors/index.js";
import { postgresServer, useFreshDatabases } from "../../helpers/postgres.js";
import { runStoreSuite } from "./store-suite.js";
import { batch, taskRun } from "./suite/helpers.js";

const server = postgresServer();
const freshDatabase = useFreshDatabases();

describe.skipIf(server === undefined)("PostgreSQL store", () => {
  // Every key gets its own database; opening the same key again reopens it.
  const databases = new Map<string, Promise<string>>();
  const databaseFor = (key: string) => {
    let url = databases.get(key);
    if (url === undefined) {
      url = freshDatabase();
      databases.set(key, url);
    }
    return url;
  };

  // The suite's clients write every task-run state as an event (the default: failures only).
  runStoreSuite("postgres", async (key) =>
    EmbeddedClient.fromStore(await openPostgresStore({ url: await databaseFor(key), poolSize: 4 }), {
      taskRunEvents: "all",
    }),
  );

  describe("the PostgreSQL database", () => {
    const pools: pg.Pool[] = [];
    afterAll(async () => {
      await Promise.all(pools.map((p) => p.end()));
    });
    const query = async (url: string, text: string) => {
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      pools.push(pool);
      return (await pool.query(text)).rows as Record<string, unknown>[];
    };

    it("records every migration once, however often it is opened", async () => {
      const url = await freshDatabase("migrations");
      await (await openPostgresStore({ url })).close();
      await (await openPostgresStore({ url })).close();
      const rows = await query(url, "SELECT version, name FROM ordo_migrations ORDER BY version");
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    });

    it("stores JSON columns as JSONB and timestamps as BIGINT, read back as numbers", async () => {
      const url = await freshDatabase("types");
      const client = await EmbeddedClient.fromStore(await openPostgresStore({ url }));
      try {
        const run = await client.createFlowRun({ flowName: "etl", name: "r", tags: ["a"] });
        expect(typeof run.createdAt).toBe("number");
        const rows = await query(
          url,
          "SELECT jsonb_typeof(tags) AS tags, pg_typeof(created_at)::text AS created FROM flow_runs",
        );
        expect(rows).toEqual([{ tags: "array", created: "bigint" }]);
      } finally {
        await client.close();
      }
    });

    it("writes a batch larger than one statement's 65 535 bind parameters, each snapshot in order", async () => {
      const url = await freshDatabase("big-batch");
      const client = await EmbeddedClient.fromStore(await openPostgresStore({ url }));
      try {
        const flowRun = await client.createFlowRun({ flowName: "etl", name: "r" });
        const runs = Array.from({ length: 3_000 }, (_, i) =>
          taskRun(flowRun.id, { createdAt: i, updatedAt: i }),
        );
        const finished = runs.map((r) => ({ ...r, runCount: 2, updatedAt: r.updatedAt + 10_000 }));
        await client.recordBatch(batch({ taskRuns: [...runs, ...finished] }));
        const read = await client.readTaskRuns({ flowRunId: flowRun.id, limit: 10_000 });
        expect(read).toEqual(finished);
      } finally {
        await client.close();
      }
    });

    it("rejects an unreachable server with ORDO_DATABASE_BUSY, naming no password", async () => {
      const error: unknown = await openPostgresStore({
        url: "postgres://ordo:secret@127.0.0.1:1/ordo",
      }).catch((e: unknown) => e);
      expect(isOrdoError(error, "ORDO_DATABASE_BUSY")).toBe(true);
      expect(String((error as Error).message)).not.toContain("secret");
    });
  });
});
