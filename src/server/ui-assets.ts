/**
 * `/`: the built web UI when it exists, otherwise a small page that says so and links to
 * the API docs.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import type { OrdoApp } from "./server-deps.js";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ordo</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem; max-width: 40rem">
<h1>Ordo server</h1>
<p>The web UI is not built in this installation. The API is running:
see the <a href="/docs">interactive API documentation</a> or
<a href="/api/openapi.json">the OpenAPI document</a>.</p>
</body></html>`;

/**
 * Registers `/` and the UI's static files. Single-page app: the UI's addresses get
 * index.html (the UI routes them); a missing built file is a 404, so a stale script URL
 * never receives HTML. Hashed files under `/assets/` are cached
 * for good, index.html never.
 */
export function registerUi(app: OrdoApp, uiPath: string | undefined): void {
  const index = uiPath === undefined ? undefined : join(uiPath, "index.html");
  if (uiPath === undefined || index === undefined || !existsSync(index)) {
    app.get("/", (c) => c.html(NOT_BUILT));
    return;
  }
  const root = normalize(uiPath + sep);
  app.get("*", async (c, next) => {
    const path = c.req.path;
    if (path.startsWith("/api/") || path === "/api" || path.startsWith("/docs")) return next();
    const file = normalize(join(root, decodeURIComponent(path)));
    const type = TYPES[extname(file)];
    if (file.startsWith(root) && type !== undefined && existsSync(file)) {
      return c.body(await readFile(file), 200, {
        "content-type": type,
        "x-content-type-options": "nosniff",
        "cache-control": path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
      });
    }
    // A missing built file (under /assets/, or at the top like /favicon.svg) is a 404; a
    // deeper address is the UI's own even with a dot in it (/flows/etl.v2).
    const askedForFile = path.startsWith("/assets/") || (path.lastIndexOf("/") === 0 && extname(path) !== "");
    if (askedForFile) return next();
    return c.html(await readFile(index, "utf8"), 200, { "cache-control": "no-cache" });
  });
}
