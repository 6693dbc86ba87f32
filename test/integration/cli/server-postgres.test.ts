/**
 * `ordo server start` and `ordo server database reset` on PostgreSQL
 * (`ORDO_DATABASE_URL`), with real child processes and a real PostgreSQL server.
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOrdo, spawnOrdo, waitForOutput } from "../../helpers/ordo-cli.js";
import { postgresServer, useFreshDatabases } from "../../helpers/postgres.js";

const server = postgresServer();

describe.skipIf(server === undefined)("the server on PostgreSQL", () => {
  const freshDatabase = useFreshDatabases();
  let home: string;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "ordo-cli-pg-"));
    env = { ORDO_HOME: home, ORDO_DATABASE_URL: await freshDatabase("cli") };
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    await rm(home, { recursive: true, force: true });
  });

  it("serves flow runs from PostgreSQL, and reset empties it", async () => {
    const srv = spawnOrdo(["server", "start", "--port", "0"], env);
    children.push(srv);
    const [, database, apiUrl] = await waitForOutput(
      srv,
      /database: (\w+)\)[\s\S]*ORDO_API_URL=(http:\/\/127\.0\.0\.1:\d+\/api)/,
    );
    expect(database).toBe("postgres");
    const created = await fetch(`${apiUrl}/flow_runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ flowName: "pg-flow", name: "first" }),
    });
    expect(created.status).toBe(201);
    const count = await fetch(`${apiUrl}/flow_runs/count`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ filter: { flowName: "pg-flow" } }),
    });
    expect(await count.json()).toEqual({ count: 1, capped: false });
    expect(await (await fetch(`${apiUrl}/version`)).json()).toMatchObject({ database: "postgres" });
    srv.kill("SIGTERM");
    await once(srv, "exit");

    const reset = await runOrdo(["server", "database", "reset", "--yes"], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain("(postgres) reset");
    const ls = await runOrdo(["flow-run", "ls", "--json"], env);
    expect(JSON.parse(ls.stdout)).toEqual([]);
  });
});
