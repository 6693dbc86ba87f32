// Builds dist/ from src/ with the TypeScript compiler. Run by `npm run build` and by
// npm's `prepare` hook, so `npx ordo` works right after `npm ci`.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
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
process.exit(result.status ?? 1);
