/**
 * The concurrency-limit REST routes (through the app's request function) and the
 * `ordo concurrency-limit` / `ordo global-concurrency-limit` commands (real processes).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeClient } from "../../../src/client/get-client.js";
import { runCli } from "../../../src/cli/main.js";
import { runOrdo } from "../../helpers/ordo-cli.js";
import { openApp, type AppHarness } from "../server/app-harness.js";

describe("REST /api/concurrency_limits and /api/global_concurrency_limits", () => {
  let h: AppHarness;
  beforeAll(async () => {
    h = await openApp();
  });
  afterAll(async () => {
    await h.close();
  });

  it("creates, lists, reads and deletes a tag limit", async () => {
    const created = await h.json("POST", "/api/concurrency_limits", { tag: "db", concurrencyLimit: 10 });
    expect(created).toMatchObject({
      status: 200,
      body: { tag: "db", concurrencyLimit: 10, activeSlots: [] },
    });
    const listed = await h.json("POST", "/api/concurrency_limits/filter", {});
    expect(listed.body).toMatchObject([{ tag: "db" }]);
    const acquired = await h.json("POST", "/api/concurrency_limits/acquire", {
      tags: ["db"],
      holder: "run-1",
    });
    expect(acquired.body).toMatchObject({ granted: true });
    expect((await h.json("GET", "/api/concurrency_limits/tag/db")).body).toMatchObject({
      activeSlots: ["run-1"],
    });
    expect((await h.json("POST", "/api/concurrency_limits/renew", { holder: "run-1" })).body).toEqual({
      count: 1,
    });
    expect((await h.json("POST", "/api/concurrency_limits/release", { holder: "run-1" })).body).toEqual({
      count: 1,
    });
    expect((await h.json("DELETE", "/api/concurrency_limits/tag/db")).status).toBe(204);
    expect((await h.json("GET", "/api/concurrency_limits/tag/db")).body).toMatchObject({
      error: { code: "ORDO_NOT_FOUND" },
    });
  });

  it("answers 422 for a negative limit, an empty tag or a bad name, and 404 for unknown ones", async () => {
    const negative = await h.json("POST", "/api/concurrency_limits", { tag: "db", concurrencyLimit: -1 });
    expect(negative.status).toBe(422);
    expect(negative.body).toMatchObject({ error: { code: "ORDO_INVALID_INPUT" } });
    expect((await h.json("POST", "/api/concurrency_limits", { tag: "", concurrencyLimit: 1 })).status).toBe(
      422,
    );
    expect((await h.json("POST", "/api/global_concurrency_limits", { name: "a:b", limit: 1 })).status).toBe(
      422,
    );
    expect(
      (await h.json("POST", "/api/concurrency_limits/acquire", { holder: "h", waitSeconds: 31, tags: ["x"] }))
        .status,
    ).toBe(422);
    expect((await h.json("POST", "/api/concurrency_limits/acquire", { holder: "h" })).status).toBe(422);
    expect((await h.json("GET", "/api/concurrency_limits/tag/nope")).status).toBe(404);
    expect((await h.json("DELETE", "/api/concurrency_limits/tag/nope")).status).toBe(404);
    expect((await h.json("GET", "/api/global_concurrency_limits/nope")).status).toBe(404);
    expect((await h.json("PATCH", "/api/global_concurrency_limits/nope", { limit: 2 })).status).toBe(404);
  });

  it("creates, updates and deletes a global limit; a second create is 409", async () => {
    const body = { name: "warehouse", limit: 2, slotDecayPerSecond: 0.5 };
    expect((await h.json("POST", "/api/global_concurrency_limits", body)).body).toMatchObject({
      name: "warehouse",
      limit: 2,
      active: true,
      activeSlots: 0,
      slotDecayPerSecond: 0.5,
    });
    expect((await h.json("POST", "/api/global_concurrency_limits", body)).status).toBe(409);
    expect(
      (await h.json("PATCH", "/api/global_concurrency_limits/warehouse", { limit: 5 })).body,
    ).toMatchObject({
      limit: 5,
    });
    expect((await h.json("POST", "/api/global_concurrency_limits/filter", {})).body).toMatchObject([
      { name: "warehouse" },
    ]);
    expect((await h.json("DELETE", "/api/global_concurrency_limits/warehouse")).status).toBe(204);
  });
});

describe("ordo concurrency-limit and ordo global-concurrency-limit", () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), "ordo-cli-conc-"));
    process.env.ORDO_HOME = home;
    delete process.env.ORDO_API_URL;
    await closeClient();
  });
  afterAll(async () => {
    await closeClient();
    await rm(home, { recursive: true, force: true });
  });
  /** Runs the CLI in this process (fast); `runOrdo` spawns it as users do. */
  const ordo = async (args: readonly string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await runCli(["node", "ordo", ...args], {
      out: (text) => (stdout += text),
      err: (text) => (stderr += text),
      now: () => Date.now(),
    });
    return { code, stdout, stderr };
  };

  it("creates, lists, inspects and deletes a tag limit", async () => {
    const created = await runOrdo(["concurrency-limit", "create", "db", "10"], { ORDO_HOME: home });
    expect(created).toMatchObject({ code: 0, stdout: "concurrency limit for tag 'db' set to 10\n" });
    const listed = await ordo(["concurrency-limit", "ls"]);
    expect(listed.stdout).toMatch(/^TAG\s+LIMIT\s+ACTIVE\s+UPDATED\ndb\s+10\s+0\s+/);
    const inspected = await ordo(["concurrency-limit", "inspect", "db", "--json"]);
    expect(JSON.parse(inspected.stdout)).toMatchObject({ tag: "db", concurrencyLimit: 10, activeSlots: [] });
    expect((await ordo(["concurrency-limit", "inspect", "db"])).stdout).toMatch(/^tag:\s+db\nlimit:\s+10\n/);
    expect((await ordo(["concurrency-limit", "delete", "db"])).code).toBe(0);
    const gone = await ordo(["concurrency-limit", "inspect", "db"]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("ORDO_NOT_FOUND");
    const bad = await ordo(["concurrency-limit", "create", "db", "-1"]);
    expect(bad.code).toBe(2);
  });

  it("creates, updates, lists and deletes a global limit", async () => {
    const created = await ordo([
      "global-concurrency-limit",
      "create",
      "github-api",
      "--limit",
      "5",
      "--slot-decay-per-second",
      "0.5",
      "--json",
    ]);
    expect(JSON.parse(created.stdout)).toMatchObject({
      name: "github-api",
      limit: 5,
      slotDecayPerSecond: 0.5,
    });
    const updated = await ordo([
      "global-concurrency-limit",
      "update",
      "github-api",
      "--limit",
      "7",
      "--disable",
    ]);
    expect(updated.stdout).toMatch(/limit:\s+7\n/);
    expect(updated.stdout).toMatch(/active:\s+no\n/);
    const listed = await ordo(["global-concurrency-limit", "ls", "--json"]);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ name: "github-api", limit: 7, active: false }]);
    expect((await ordo(["global-concurrency-limit", "ls"])).stdout).toMatch(/^NAME\s+LIMIT\s+ACTIVE SLOTS/);
    expect((await ordo(["global-concurrency-limit", "delete", "github-api"])).code).toBe(0);
  });
});
