/**
 * Bundling a real project folder: which files go in (ignore files, node_modules, links
 * out of the project, Ordo's home), a hash that depends on the files only, and an
 * archive that unpacks to the same files.
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBundle, extractBundle, projectRoot, selectBundleFiles } from "../../../src/bundles/index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ordo-bundle-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `files` (path → content) under `root`. */
function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

const PROJECT = {
  "package.json": '{ "name": "p", "type": "module" }',
  "flows/etl.ts": "export const etl = 1;\n",
  "flows/lib/util.ts": "export const u = 2;\n",
  ".gitignore": "dist/\n*.log\n.env\n",
  ".ordoignore": "fixtures/\n",
  "dist/etl.js": "built",
  "debug.log": "noise",
  ".env": "SECRET=1",
  "fixtures/big.json": "{}",
  "node_modules/zod/index.js": "module.exports = {}",
  "packages/app/node_modules/x/index.js": "x",
  "packages/app/src/a.ts": "export {}",
  "data/.gitignore": "*.csv\n!keep.csv\n",
  "data/drop.csv": "1",
  "data/keep.csv": "2",
};

describe("choosing a bundle's files", () => {
  it("honours .gitignore and .ordoignore (nested too) and never takes node_modules", async () => {
    write(dir, PROJECT);
    const { files } = await selectBundleFiles(dir);
    expect(files.map((f) => f.path)).toEqual([
      ".gitignore",
      ".ordoignore",
      "data/.gitignore",
      "data/keep.csv",
      "flows/etl.ts",
      "flows/lib/util.ts",
      "package.json",
      "packages/app/src/a.ts",
    ]);
  });

  it("keeps links inside the project and leaves out, saying so, links that point outside it", async () => {
    write(dir, { "package.json": "{}", "src/a.ts": "a" });
    const outside = mkdtempSync(join(tmpdir(), "ordo-outside-"));
    try {
      writeFileSync(join(outside, "secret.txt"), "s");
      symlinkSync("src/a.ts", join(dir, "alias.ts"));
      symlinkSync(join(outside, "secret.txt"), join(dir, "secret.txt"));
      symlinkSync(outside, join(dir, "shared"));
      const { files, skipped } = await selectBundleFiles(dir);
      expect(files.map((f) => [f.path, f.kind])).toEqual([
        ["alias.ts", "symlink"],
        ["package.json", "file"],
        ["src/a.ts", "file"],
      ]);
      expect(skipped.map((s) => s.path)).toEqual(["secret.txt", "shared"]);
      expect(skipped[0]?.reason).toContain("outside the project");
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it("leaves out Ordo's home when it lies inside the project", async () => {
    write(dir, { "package.json": "{}", "home/ordo.db": "db", "home/bundles/x/y.ts": "y" });
    const { files } = await selectBundleFiles(dir, { exclude: [join(dir, "home")] });
    expect(files.map((f) => f.path)).toEqual(["package.json"]);
  });

  it("finds the project root: the nearest folder with a package.json above the entrypoint", () => {
    write(dir, { "proj/package.json": "{}", "proj/flows/deep/etl.ts": "", "loose/etl.ts": "" });
    expect(projectRoot(join(dir, "proj/flows/deep/etl.ts"))).toBe(join(dir, "proj"));
    expect(projectRoot(join(dir, "loose/etl.ts"))).toBe(join(dir, "loose"));
  });
});

describe("a bundle's hash", () => {
  it("is the same for the same files, whatever their times, modes' other bits or folder", async () => {
    write(join(dir, "a"), PROJECT);
    write(join(dir, "b"), PROJECT);
    utimesSync(join(dir, "b/flows/etl.ts"), new Date(2001, 1, 1), new Date(2001, 1, 1));
    chmodSync(join(dir, "b/flows/lib/util.ts"), 0o664);
    const [a, b] = [await createBundle(join(dir, "a")), await createBundle(join(dir, "b"))];
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.hash).toBe(a.hash);
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(a.files).toBe(8);
  });

  it("changes when a file's content changes, when a file is added, or when one becomes executable", async () => {
    write(dir, PROJECT);
    const first = await createBundle(dir);
    writeFileSync(join(dir, "flows/etl.ts"), "export const etl = 2;\n");
    const edited = await createBundle(dir);
    expect(edited.hash).not.toBe(first.hash);
    writeFileSync(join(dir, "flows/new.ts"), "");
    const added = await createBundle(dir);
    expect(added.hash).not.toBe(edited.hash);
    chmodSync(join(dir, "flows/new.ts"), 0o755);
    expect((await createBundle(dir)).hash).not.toBe(added.hash);
    // An ignored file does not count.
    writeFileSync(join(dir, "more.log"), "x");
    chmodSync(join(dir, "flows/new.ts"), 0o644);
    expect((await createBundle(dir)).hash).toBe(added.hash);
  });

  it("refuses a project over the limit with ORDO_BUNDLE_TOO_LARGE naming its largest file", async () => {
    write(dir, { "package.json": "{}", "data/dump.bin": "x".repeat(4096) });
    await expect(createBundle(dir, { maxBytes: 1024 })).rejects.toMatchObject({
      code: "ORDO_BUNDLE_TOO_LARGE",
      message: expect.stringContaining("data/dump.bin (4.0 KiB)") as unknown,
    });
  });
});

describe("unpacking a bundle", () => {
  it("gives back the files, their contents, executable bits and links", async () => {
    write(join(dir, "src"), { "package.json": "{}", "bin/run.sh": "#!/bin/sh\n", "a/b.ts": "b" });
    chmodSync(join(dir, "src/bin/run.sh"), 0o755);
    symlinkSync("a/b.ts", join(dir, "src/link.ts"));
    const bundle = await createBundle(join(dir, "src"));
    writeFileSync(join(dir, "b.tar.gz"), bundle.bytes);
    mkdirSync(join(dir, "out"));
    await extractBundle(join(dir, "b.tar.gz"), join(dir, "out"));
    expect(readFileSync(join(dir, "out/a/b.ts"), "utf8")).toBe("b");
    expect(readFileSync(join(dir, "out/link.ts"), "utf8")).toBe("b");
    const { files } = await selectBundleFiles(join(dir, "out"));
    expect(files.map((f) => f.path)).toEqual(["a/b.ts", "bin/run.sh", "link.ts", "package.json"]);
  });

  it("refuses damaged bytes with ORDO_SOURCE_UNAVAILABLE", async () => {
    write(join(dir, "src"), { "package.json": "{}", "a.ts": "a".repeat(10_000) });
    const bundle = await createBundle(join(dir, "src"));
    const damaged = Buffer.from(bundle.bytes);
    damaged.fill(7, 20, 60);
    writeFileSync(join(dir, "b.tar.gz"), damaged);
    mkdirSync(join(dir, "out"));
    await expect(extractBundle(join(dir, "b.tar.gz"), join(dir, "out"))).rejects.toMatchObject({
      code: "ORDO_SOURCE_UNAVAILABLE",
    });
  });
});
