/**
 * The server serves the built web UI at `/`: its files, index.html for the UI's own
 * addresses, and never HTML where a file was asked for.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type AppHarness } from "./app-harness.js";

let h: AppHarness;
let ui: string;
beforeAll(async () => {
  ui = mkdtempSync(join(tmpdir(), "ordo-ui-"));
  mkdirSync(join(ui, "assets"));
  writeFileSync(join(ui, "index.html"), "<!doctype html><title>Ordo UI</title><div id=root></div>");
  writeFileSync(join(ui, "assets", "index-abc123.js"), "console.log('ui')");
  writeFileSync(join(ui, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  h = await openApp(undefined, ui);
});
afterAll(async () => {
  await h.close();
  rmSync(ui, { recursive: true, force: true });
});

describe("the web UI", () => {
  it("serves index.html at / and at the UI's own addresses, never cached", async () => {
    for (const path of ["/", "/runs", "/runs/0193-abc?tab=logs", "/deployments/x", "/flows/etl.v2"]) {
      const res = await h.app.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(await res.text()).toContain("<title>Ordo UI</title>");
    }
  });

  it("serves hashed assets with their type, cached for good", async () => {
    const res = await h.app.request("/assets/index-abc123.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/javascript");
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toBe("console.log('ui')");
    const icon = await h.app.request("/favicon.svg");
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
  });

  it("answers 404, not the page, for a missing file", async () => {
    expect((await h.app.request("/assets/index-gone.js")).status).toBe(404);
    expect((await h.app.request("/robots.txt")).status).toBe(404);
  });

  it("never serves a file outside its folder", async () => {
    const res = await h.app.request("/assets/..%2F..%2F..%2Fetc%2Fpasswd");
    expect(await res.text()).not.toContain("root:");
  });

  it("leaves the API and its docs to their routes", async () => {
    expect((await h.json("GET", "/api/health")).body).toEqual({ status: "ok" });
    const missing = await h.json("GET", "/api/no-such-route");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: "ORDO_ROUTE_NOT_FOUND" } });
    expect((await h.app.request("/docs")).status).toBe(200);
  });
});
