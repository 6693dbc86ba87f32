import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EmbeddedClient } from "../../../src/client/embedded-client.js";
import { isOrdoError } from "../../../src/errors/index.js";
import { openStore } from "../../../src/store/index.js";
import { openPostgresStore } from "../../../src/store/postgres/index.js";
import { postgresServer, useFreshDatabases } from "../../helpers/postgres.js";

const server = postgresServer();
const freshDatabase = useFreshDatabases();
const root = mkdtempSync(join(tmpdir(), "ordo-open-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("openStore", () => {
  it("opens SQLite at sqlitePath when no database URL is given", async () => {
    const sqlitePath = join(root, "default", "ordo.db");
    const store = await openStore({ sqlitePath });
    await store.close();
    expect(store.dialect).toBe("sqlite");
    expect(existsSync(sqlitePath)).toBe(true);
  });

  it("opens SQLite at the path of a sqlite: URL", async () => {
    const path = join(root, "from-url", "ordo.db");
    const store = await openStore({ databaseUrl: `sqlite://${path}`, sqlitePath: join(root, "unused.db") });
    await store.close();
    expect(store.dialect).toBe("sqlite");
    expect(existsSync(path)).toBe(true);
    expect(existsSync(join(root, "unused.db"))).toBe(false);
  });

  it("rejects any other scheme with ORDO_INVALID_SETTING", async () => {
    for (const databaseUrl of ["mysql://db/ordo", "http://db/ordo", "/var/lib/ordo.db"]) {
      const error: unknown = await openStore({ databaseUrl, sqlitePath: join(root, "x.db") }).catch(
        (e: unknown) => e,
      );
      expect(isOrdoError(error, "ORDO_INVALID_SETTING"), `${databaseUrl}: ${String(error)}`).toBe(true);
    }
  });

  it.skipIf(server === undefined)("opens PostgreSQL for postgres:// and postgresql:// URLs", async () => {
    const url = await freshDatabase("open-store");
    for (const databaseUrl of [url, url.replace(/^postgres:/, "postgresql:")]) {
      const store = await openStore({ databaseUrl, sqlitePath: join(root, "not-used.db") });
      await store.close();
      expect(store.dialect).toBe("postgres");
    }
    expect(existsSync(join(root, "not-used.db"))).toBe(false);
  });

  it.skipIf(server === undefined)(
    "gives EmbeddedClient.open the PostgreSQL database of databaseUrl",
    async () => {
      const url = await freshDatabase("embedded");
      const client = await EmbeddedClient.open({ path: join(root, "embedded.db"), databaseUrl: url });
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      await client.close();
      const store = await openPostgresStore({ url });
      try {
        expect((await store.readFlowRun(run.id))?.name).toBe("r");
      } finally {
        await store.close();
      }
      expect(existsSync(join(root, "embedded.db"))).toBe(false);
    },
  );
});
