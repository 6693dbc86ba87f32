/**
 * The CLI loads what a command needs, not the whole package: commands that only talk to
 * a server (or print the version) load neither the engine, the store, the server, the
 * worker, the schedule libraries nor the result serializers. Each module they would load
 * costs start-up time on every call.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../../src/server/start-server.js";
import { cleanEnv, REPO_ROOT } from "../../helpers/ordo-cli.js";
import { startTestServer } from "../../helpers/test-server.js";

/** Registers a module hook that appends each loaded module's URL to `ORDO_TEST_LOADED_MODULES`. */
const HOOK = `
import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent(\`
import { appendFileSync } from "node:fs";
const file = process.env.ORDO_TEST_LOADED_MODULES;
export async function load(url, context, next) {
  appendFileSync(file, url + "\\\\n");
  return next(url, context);
}\`));
`;

/** Modules a command that only talks to a server has no use for (a result key's check is tiny). */
const NOT_NEEDED =
  /\/dist\/(engine|store|server|sdk|schedules)\/|\/dist\/results\/(?!storage-key\.js)|\/dist\/worker\/worker\.js|\/node_modules\/(rrule|croner|superjson|hono|@hono|kysely|better-sqlite3|pg|esbuild|tsx|yaml|tar)\//;

let home: string;
let hook: string;
let server: RunningServer;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "ordo-cli-modules-"));
  hook = join(home, "hook.mjs");
  await writeFile(hook, HOOK);
  server = await startTestServer(join(home, "server"));
});
afterAll(async () => {
  await server.stop();
  await rm(home, { recursive: true, force: true });
});

/** Runs the built `ordo ARGS` and returns the modules it loaded and its exit code. */
async function loadedBy(args: readonly string[]): Promise<{ code: number | null; modules: string[] }> {
  const list = join(home, `modules-${args.join("-")}.txt`);
  await writeFile(list, "");
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(process.execPath, ["--import", pathToFileURL(hook).href, "bin/ordo.js", ...args], {
      cwd: REPO_ROOT,
      env: cleanEnv({
        ORDO_HOME: join(home, "cli"),
        ORDO_API_URL: server.apiUrl,
        ORDO_TEST_LOADED_MODULES: list,
      }),
      stdio: "ignore",
    });
    child.on("error", fail);
    child.on("close", done);
  });
  const modules = (await readFile(list, "utf8")).split("\n").filter((line) => line !== "");
  return { code, modules };
}

describe("the CLI's start-up", () => {
  it.each([["--version"], ["flow-run", "ls"], ["deployment", "ls"], ["work-pool", "ls"]])(
    "`ordo %s …` loads no engine, store, server, worker, schedule or serializer module",
    async (...args: string[]) => {
      const { code, modules } = await loadedBy(args);
      expect(code).toBe(0);
      // The hook sees the modules (the CLI's own are among them).
      expect(modules.some((url) => url.includes("/dist/cli/main.js"))).toBe(true);
      expect(modules.filter((url) => NOT_NEEDED.test(url))).toEqual([]);
    },
  );
});
