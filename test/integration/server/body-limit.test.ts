/**
 * The JSON body limit over real HTTP on loopback: a body announced larger than the limit
 * by its `content-length` is refused before it is read, a chunked body (no length) is
 * counted as it arrives, and a body within the limit is served.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalFileStorage } from "../../../src/results/index.js";
import { startServer, type RunningServer } from "../../../src/server/start-server.js";
import { openSqliteStore } from "../../../src/store/index.js";

const root = mkdtempSync(join(tmpdir(), "ordo-body-limit-"));
const LIMIT = 2048;
let server: RunningServer;

beforeAll(async () => {
  const store = await openSqliteStore({ path: join(root, "ordo.db"), groupCommit: true });
  server = await startServer({
    store,
    resultStorage: new LocalFileStorage(join(root, "storage")),
    port: 0,
    limits: { jsonBytes: LIMIT },
    services: { crashDetectionIntervalMs: 0 },
  });
});
afterAll(async () => {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

/** POSTs `body` to `path`, with a `content-length` or, when `chunked`, in two chunks without one. */
function post(path: string, body: string, chunked: boolean): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { "content-type": "application/json" };
    if (!chunked) headers["content-length"] = Buffer.byteLength(body);
    const req = http.request(`${server.apiUrl}${path}`, { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    if (chunked) {
      const half = Math.floor(body.length / 2);
      req.write(body.slice(0, half));
      req.end(body.slice(half));
    } else {
      req.end(body);
    }
  });
}

const run = (name: string, size: number) =>
  JSON.stringify({ flowName: "limits", name, parameters: { blob: "x".repeat(size) } });

async function runNames(): Promise<string[]> {
  const res = await post("/flow_runs/filter", JSON.stringify({ flowName: "limits" }), false);
  return (JSON.parse(res.text) as { name: string }[]).map((r) => r.name);
}

describe("the JSON body limit over HTTP", () => {
  it("answers 413 ORDO_PAYLOAD_TOO_LARGE for a body whose content-length is over the limit, and writes nothing", async () => {
    const res = await post("/flow_runs", run("too-long", LIMIT), false);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: "ORDO_PAYLOAD_TOO_LARGE" } });
    expect(await runNames()).not.toContain("too-long");
  });

  it("answers 413 for a chunked body over the limit", async () => {
    const res = await post("/flow_runs", run("too-long-chunked", LIMIT), true);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: "ORDO_PAYLOAD_TOO_LARGE" } });
    expect(await runNames()).not.toContain("too-long-chunked");
  });

  it("serves bodies within the limit, with or without a content-length", async () => {
    expect((await post("/flow_runs", run("fits", 100), false)).status).toBe(201);
    expect((await post("/flow_runs", run("fits-chunked", 100), true)).status).toBe(201);
    expect(await runNames()).toEqual(expect.arrayContaining(["fits", "fits-chunked"]));
  });
});
