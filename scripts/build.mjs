// Builds dist/ from src/ with the TypeScript compiler, then the web UI into ui/dist with
// Vite. Run by `npm run build` and by npm's `prepare` hook, so `npx ordo` (and its UI)
// works right after `npm ci`.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc");
} catch {
  // Installed as a dependency of another project (no dev dependencies): dist/ is shipped.
  process.exit(0);
}
rmSync(join(root, "dist"), { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
  stdio: "inherit",
});
if (result.status !== 0) process.exit(result.status ?? 1);

// The interactive API docs (/docs) are Swagger UI's files, copied here so that installing
// Ordo does not install the swagger-ui-dist package (12 MB, and an install script).
const swagger = dirname(require.resolve("swagger-ui-dist/package.json"));
const docsAssets = join(root, "dist", "docs-assets");
mkdirSync(docsAssets, { recursive: true });
for (const file of ["swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png", "LICENSE", "NOTICE"]) {
  copyFileSync(join(swagger, file), join(docsAssets, file));
}

let vite;
try {
  vite = join(dirname(require.resolve("vite/package.json", { paths: [join(root, "ui")] })), "bin", "vite.js");
} catch {
  console.log("build: vite is not installed, the web UI is not rebuilt");
  process.exit(0);
}
const ui = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], {
  cwd: join(root, "ui"),
  stdio: "inherit",
});
process.exit(ui.status ?? 1);
