/**
 * Compiled flow files: a run's process imports a flow file compiled ahead into one bundle
 * (no loader thread), which must behave as the files do when tsx loads them. Each test
 * writes a small project inside the repository (so that it resolves `zod` as a user's
 * project does) and imports its flow file in a real child process, as a run's process
 * does (`importFlowFile` of the built package, Node.js started with
 * `--experimental-import-meta-resolve`).
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../helpers/ordo-cli.js";

const run = promisify(execFile);
const PROBE = join(REPO_ROOT, "test", "fixtures", "worker", "import-flow-file-probe.mjs");

let project = "";
let home = "";

beforeEach(() => {
  mkdirSync(join(REPO_ROOT, ".ordo-test"), { recursive: true });
  project = mkdtempSync(join(REPO_ROOT, ".ordo-test", "compiled-"));
  home = join(project, ".home");
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

/** Writes the files of the test's project (paths relative to it). */
function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const full = join(project, path);
    mkdirSync(join(full, ".."), { recursive: true });
    writeFileSync(full, text);
  }
}

/** Imports `file` of the project in a child process as a run's process does; its chosen exports. */
async function importInChild(
  file: string,
  names: readonly string[],
  env: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    process.execPath,
    ["--experimental-import-meta-resolve", PROBE, join(project, file), ...names],
    { cwd: REPO_ROOT, env: { ...process.env, ORDO_HOME: home, ...env }, timeout: 30_000 },
  );
  return JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, unknown>;
}

/** The cache's manifest for the project's `file`, read as JSON. */
function manifestOf(): { output: string | null; reason?: string } {
  const root = join(home, "cache", "flows");
  const [folder] = readdirSync(root);
  return JSON.parse(readFileSync(join(root, folder!, "manifest.json"), "utf8")) as {
    output: string | null;
    reason?: string;
  };
}

const STEPS = `
export const double = (n: number): number => n * 2;
export const stepsUrl: string = import.meta.url;
export function fail(): never {
  throw new Error("boom");
}
`;
const MAIN = `
import { z } from "zod";
import { double, fail, stepsUrl } from "./lib/steps.js";
export { stepsUrl };
export const value: number = double(21);
export const mainUrl: string = import.meta.url;
export const mainDirname: string = import.meta.dirname;
export const sameZod: boolean = z === (await import("zod")).z;
export const stack: string = (() => {
  try {
    fail();
  } catch (error) {
    return (error as Error).stack ?? "";
  }
})();
`;

describe("a run's process imports a flow file compiled ahead", () => {
  it("runs the file and its local imports from one bundle: import.meta names the original files, packages are the ones the file resolves, stack traces name the .ts files", async () => {
    write({ "package.json": '{ "type": "module" }', "flows/lib/steps.ts": STEPS, "flows/main.ts": MAIN });
    const got = await importInChild("flows/main.ts", [
      "value",
      "stepsUrl",
      "mainUrl",
      "mainDirname",
      "sameZod",
      "stack",
    ]);

    expect(manifestOf().output).toMatch(/^[0-9a-f]{24}\.mjs$/);
    expect(got["value"]).toBe(42);
    expect(got["stepsUrl"]).toBe(pathToFileURL(join(project, "flows/lib/steps.ts")).href);
    expect(got["mainUrl"]).toBe(pathToFileURL(join(project, "flows/main.ts")).href);
    expect(got["mainDirname"]).toBe(join(project, "flows"));
    expect(got["sameZod"]).toBe(true);
    expect(got["stack"]).toContain(join(project, "flows/lib/steps.ts"));
  });

  it("uses the cached bundle while nothing changed, and compiles again when a local import changes", async () => {
    write({ "package.json": '{ "type": "module" }', "flows/lib/steps.ts": STEPS, "flows/main.ts": MAIN });
    expect((await importInChild("flows/main.ts", ["value"]))["value"]).toBe(42);
    const first = manifestOf().output!;
    const manifestPath = join(
      home,
      "cache",
      "flows",
      readdirSync(join(home, "cache", "flows"))[0]!,
      "manifest.json",
    );
    const writtenAt = statSync(manifestPath).mtimeMs;

    expect((await importInChild("flows/main.ts", ["value"]))["value"]).toBe(42);
    expect(statSync(manifestPath).mtimeMs).toBe(writtenAt);

    write({ "flows/lib/steps.ts": STEPS.replace("n * 2", "n * 3") });
    expect((await importInChild("flows/main.ts", ["value"]))["value"]).toBe(63);
    const second = manifestOf().output!;
    expect(second).not.toBe(first);

    // A compile keeps the bundle it replaces (a process may be about to import it), not older ones.
    write({ "flows/lib/steps.ts": STEPS.replace("n * 2", "n * 4") });
    expect((await importInChild("flows/main.ts", ["value"]))["value"]).toBe(84);
    const bundles = readdirSync(join(manifestPath, "..")).filter((name) => name.endsWith(".mjs"));
    expect(bundles.sort()).toEqual([second, manifestOf().output!].sort());
  });

  it("compiles again when a JSON file it bundles changes", async () => {
    write({
      "package.json": '{ "type": "module" }',
      "limits.json": '{ "max": 7 }',
      "flow.ts":
        'import limits from "./limits.json" with { type: "json" };\nexport const value: number = limits.max;',
    });
    expect(await importInChild("flow.ts", ["value"])).toEqual({ value: 7 });
    write({ "limits.json": '{ "max": 8 }' });
    expect(await importInChild("flow.ts", ["value"])).toEqual({ value: 8 });
    expect(manifestOf().output).toMatch(/\.mjs$/);
  });

  it("loads the file through tsx, with the same result, when a bundle could not behave as the files do", async () => {
    const cases: { file?: string; files: Record<string, string>; reason: RegExp }[] = [
      {
        // No "type": "module": a CommonJS file.
        file: "flow.js",
        files: { "package.json": "{}", "flow.js": "exports.value = 42;" },
        reason: /is not an ES module/,
      },
      {
        files: {
          "package.json": '{ "type": "module" }',
          "steps.ts": "export const value = 42;",
          "flow.ts": 'const name = "./steps.ts";\nexport const { value } = await import(name);',
        },
        reason: /computed name/,
      },
      {
        files: {
          "package.json": '{ "type": "module" }',
          "flow.ts": 'export const value = import.meta.resolve("./flow.ts").endsWith("/flow.ts") ? 42 : 0;',
        },
        reason: /import\.meta beyond/,
      },
    ];
    for (const { file = "flow.ts", files, reason } of cases) {
      rmSync(project, { recursive: true, force: true });
      mkdirSync(project, { recursive: true });
      write(files);
      expect((await importInChild(file, ["value"]))["value"]).toBe(42);
      const manifest = manifestOf();
      expect(manifest.output).toBeNull();
      expect(manifest.reason).toMatch(reason);
    }
  });

  it("loads the file through tsx when the cache cannot be written", async () => {
    write({ "package.json": '{ "type": "module" }', "flows/lib/steps.ts": STEPS, "flows/main.ts": MAIN });
    // ORDO_HOME/cache is a file: no folder can be made in it.
    write({ ".home/cache": "not a folder" });
    expect(await importInChild("flows/main.ts", ["value", "sameZod"])).toEqual({ value: 42, sameZod: true });
    expect(readFileSync(join(home, "cache"), "utf8")).toBe("not a folder");
  });

  it("does not compile with ORDO_COMPILE_FLOWS=false", async () => {
    write({ "package.json": '{ "type": "module" }', "flows/lib/steps.ts": STEPS, "flows/main.ts": MAIN });
    const got = await importInChild("flows/main.ts", ["value", "sameZod"], { ORDO_COMPILE_FLOWS: "false" });
    expect(got).toEqual({ value: 42, sameZod: true });
    expect(() => readdirSync(join(home, "cache"))).toThrow();
  });
});
