/**
 * `/api/bundles/{hash}`: uploads checked against their hash and stored once, `HEAD` to
 * ask whether the server has one, downloads; through the app's request function, and
 * with the HTTP client against a real server on loopback.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleHash } from "../../../src/bundles/index.js";
import { HttpClient } from "../../../src/client/http-client.js";
import { startTestServer } from "../../helpers/test-server.js";
import { openApp, type AppHarness } from "./app-harness.js";

let h: AppHarness;
beforeAll(async () => {
  h = await openApp({ bundleBytes: 64 * 1024 });
});
afterAll(() => h.close());

const archive = (text: string) => new Uint8Array(gzipSync(Buffer.from(text)));

function put(hash: string, body: Uint8Array) {
  return h.app.request(`/api/bundles/${hash}`, {
    method: "PUT",
    headers: { "content-type": "application/gzip" },
    body,
  });
}

describe("bundle routes", () => {
  it("stores an upload under its hash, once: a second upload of it answers 200, created false", async () => {
    const bytes = archive("first bundle");
    const hash = bundleHash(bytes);
    const first = await put(hash, bytes);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ hash, size: bytes.byteLength, created: true });
    expect(existsSync(join(h.dir, "storage", "bundles", `${hash}.tar.gz`))).toBe(true);
    const again = await put(hash, bytes);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ hash, size: bytes.byteLength, created: false });
  });

  it("answers HEAD with 200 for a stored bundle and 404 for another, and GET with its bytes", async () => {
    const bytes = archive("downloadable");
    const hash = bundleHash(bytes);
    expect((await h.app.request(`/api/bundles/${hash}`, { method: "HEAD" })).status).toBe(404);
    await put(hash, bytes);
    const head = await h.app.request(`/api/bundles/${hash}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const got = await h.app.request(`/api/bundles/${hash}`);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("application/gzip");
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    const missing = await h.json("GET", `/api/bundles/${"0".repeat(64)}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: "ORDO_NOT_FOUND" } });
  });

  it("drops a damaged stored copy when asked (HEAD 404), so that the next upload replaces it", async () => {
    const bytes = archive("will be damaged");
    const hash = bundleHash(bytes);
    await put(hash, bytes);
    writeFileSync(join(h.dir, "storage", "bundles", `${hash}.tar.gz`), archive("something else"));
    // GET serves what is stored; the worker's check refuses it.
    expect(
      bundleHash(new Uint8Array(await (await h.app.request(`/api/bundles/${hash}`)).arrayBuffer())),
    ).not.toBe(hash);
    expect((await h.app.request(`/api/bundles/${hash}`, { method: "HEAD" })).status).toBe(404);
    expect((await put(hash, bytes)).status).toBe(201);
    const got = await h.app.request(`/api/bundles/${hash}`);
    expect(Buffer.from(await got.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it("refuses bytes whose sha256 is not the hash with 422 ORDO_BUNDLE_HASH_MISMATCH, storing nothing", async () => {
    const bytes = archive("what was sent");
    const claimed = bundleHash(archive("what was meant"));
    const res = await put(claimed, bytes);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error.code).toBe("ORDO_BUNDLE_HASH_MISMATCH");
    expect(body.error.details).toEqual({
      expected: claimed,
      actual: bundleHash(bytes),
      bytes: bytes.byteLength,
    });
    expect((await h.app.request(`/api/bundles/${claimed}`, { method: "HEAD" })).status).toBe(404);
  });

  it("refuses a malformed hash and a body that is not gzip with 422 ORDO_INVALID_INPUT", async () => {
    const bytes = archive("x");
    for (const bad of ["abc", "A".repeat(64), `${"a".repeat(63)}g`]) {
      const res = await put(bad, bytes);
      expect(res.status, bad).toBe(422);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("ORDO_INVALID_INPUT");
    }
    const plain = new TextEncoder().encode("not gzip");
    const res = await put(bundleHash(plain), plain);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("not gzip");
  });

  it("refuses a bundle over the body limit with 413", async () => {
    const bytes = new Uint8Array(
      gzipSync(Buffer.from(Array.from({ length: 100_000 }, (_, i) => `${i * 7919}`).join())),
    );
    expect(bytes.byteLength).toBeGreaterThan(64 * 1024);
    const res = await put(bundleHash(bytes), bytes);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("ORDO_PAYLOAD_TOO_LARGE");
  });

  it("documents PUT, GET and HEAD in the OpenAPI document", async () => {
    const doc = (await h.json("GET", "/api/openapi.json")).body as { paths: Record<string, object> };
    expect(Object.keys(doc.paths["/api/bundles/{hash}"] ?? {}).sort()).toEqual(["get", "head", "put"]);
  });
});

describe("bundles through the HTTP client, over loopback", () => {
  it("asks, uploads once and downloads the same bytes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ordo-bundle-http-"));
    const server = await startTestServer(dir);
    const client = HttpClient.open({ apiUrl: server.apiUrl, outageMs: 2_000 });
    try {
      const bytes = archive("over the wire");
      const hash = bundleHash(bytes);
      expect(await client.bundles.has(hash)).toBe(false);
      expect(await client.bundles.upload(hash, bytes)).toEqual({
        hash,
        size: bytes.byteLength,
        created: true,
      });
      expect(await client.bundles.has(hash)).toBe(true);
      expect(Buffer.from(await client.bundles.download(hash)).equals(Buffer.from(bytes))).toBe(true);
      await expect(client.bundles.upload(bundleHash(archive("other")), bytes)).rejects.toMatchObject({
        code: "ORDO_BUNDLE_HASH_MISMATCH",
      });
    } finally {
      await client.close();
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
