/**
 * `/docs`: interactive API documentation (Swagger UI) over `/api/openapi.json`, served
 * from the package's own copy of Swagger UI's files (`dist/docs-assets/`, copied from the
 * `swagger-ui-dist` dev dependency by the build) so it works without network access.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { packageRoot } from "../package-root.js";
import { errorBody } from "./http-errors.js";
import type { OrdoApp } from "./server-deps.js";

const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Ordo API</title>
  <link rel="icon" href="/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/docs-init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#docs", deepLinking: true });`;

/** Registers `/docs` and its assets. */
export function registerDocsPage(app: OrdoApp): void {
  const folder = join(packageRoot(), "dist", "docs-assets");
  app.get("/docs", (c) => c.html(PAGE));
  app.get("/docs/assets/docs-init.js", (c) =>
    c.body(INIT, 200, { "content-type": "text/javascript; charset=utf-8" }),
  );
  app.get("/docs/assets/:file", async (c) => {
    const file = c.req.param("file");
    const type = ASSETS[file];
    if (type === undefined) return c.notFound();
    const bytes = await readFile(join(folder, file)).catch(() => undefined);
    if (bytes === undefined) {
      const message = `the API docs' file ${file} is missing from ${folder}: build the package (npm run build)`;
      return c.json(errorBody("ORDO_NOT_FOUND", message), 404);
    }
    return c.body(bytes, 200, { "content-type": type, "cache-control": "public, max-age=86400" });
  });
}
