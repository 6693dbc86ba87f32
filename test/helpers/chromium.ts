/**
 * The machine's headless Chromium for browser tests, driven by `playwright-core` (which
 * downloads no browser of its own).
 *
 * Where it is looked for: `ORDO_TEST_CHROMIUM`, then `chromium` and `chromium-browser` on
 * the PATH (Debian's package installs `/usr/bin/chromium`; `.ci/run` installs it when
 * missing). Outside CI a machine without it skips the browser suites and says why; in CI
 * (`CI` set) a missing Chromium is an error.
 *
 * @module
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { chromium, type Browser } from "playwright-core";

/** The flags every test browser starts with: headless, no sandbox (root in CI), quiet. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
];

const NAMES = ["chromium", "chromium-browser"];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where Chromium is on this machine, or why it was not found. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
): { readonly path: string } | { readonly missing: string } {
  const chosen = env.ORDO_TEST_CHROMIUM;
  if (chosen !== undefined && chosen !== "") {
    return executable(chosen)
      ? { path: chosen }
      : { missing: `ORDO_TEST_CHROMIUM=${chosen} is not an executable file` };
  }
  const folders = (env.PATH ?? "").split(delimiter).filter((folder) => folder !== "");
  for (const folder of [...folders, "/usr/bin"]) {
    for (const name of NAMES) {
      const path = join(folder, name);
      if (executable(path)) return { path };
    }
  }
  return {
    missing: `no ${NAMES.join(" or ")} on the PATH (install Debian's chromium package, or set ORDO_TEST_CHROMIUM)`,
  };
}

/**
 * The Chromium a browser suite runs, or undefined (with the reason printed) when the suite
 * is to be skipped. Throws in CI, where the browser must be there.
 */
export function chromiumForSuite(suite: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const found = findChromium(env);
  if ("path" in found) return found.path;
  if (env.CI !== undefined && env.CI !== "" && env.CI !== "false") {
    throw new Error(`${suite} needs Chromium in CI: ${found.missing}`);
  }
  // Written past the test runner, which keeps quiet about tests that did not fail.
  process.stderr.write(`skipping ${suite}: ${found.missing}\n`);
  return undefined;
}

/** Starts a headless Chromium from `executablePath`. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true, timeout: 30_000 });
}
