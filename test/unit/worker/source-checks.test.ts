import { describe, expect, it } from "vitest";
import { hasComputedImport, rewriteImportMeta } from "../../../src/worker/compiled/source-checks.js";

describe("rewriteImportMeta", () => {
  it("replaces import.meta.url, dirname and filename with the original file's values", () => {
    const source = "a(import.meta.url); b(import.meta.dirname); c(import.meta.filename);";
    expect(rewriteImportMeta(source, "/p/flows/etl.ts")).toBe(
      'a("file:///p/flows/etl.ts"); b("/p/flows"); c("/p/flows/etl.ts");',
    );
  });

  it("escapes paths as URLs and JSON strings", () => {
    expect(rewriteImportMeta("import.meta.url", "/p/my flows/a#b.ts")).toBe(
      '"file:///p/my%20flows/a%23b.ts"',
    );
    expect(rewriteImportMeta("import.meta.filename", '/p/"q".ts')).toBe('"/p/\\"q\\".ts"');
  });

  it("leaves a source without import.meta as it is", () => {
    expect(rewriteImportMeta("export const x = 1;", "/p/a.ts")).toBe("export const x = 1;");
  });

  it("refuses any other use of import.meta, whose answer depends on where the module is", () => {
    expect(rewriteImportMeta('import.meta.resolve("./x.js")', "/p/a.ts")).toBeUndefined();
    expect(rewriteImportMeta("const meta = import.meta;", "/p/a.ts")).toBeUndefined();
    expect(rewriteImportMeta("import.meta.url; import.meta.env", "/p/a.ts")).toBeUndefined();
  });

  it("does not touch names that only start the same way", () => {
    expect(rewriteImportMeta("import.meta.urlish", "/p/a.ts")).toBeUndefined();
  });
});

describe("hasComputedImport", () => {
  it("accepts imports of string and template literals, which the bundler follows", () => {
    expect(hasComputedImport('await import("./steps.js")')).toBe(false);
    expect(hasComputedImport("await import('zod')")).toBe(false);
    expect(hasComputedImport("await import(`./steps/${name}.ts`)")).toBe(false);
    expect(hasComputedImport('await import(\n  "./steps.js"\n)')).toBe(false);
    expect(hasComputedImport('type T = typeof import("./steps.js");')).toBe(false);
  });

  it("finds an import of a name computed at run time", () => {
    expect(hasComputedImport("await import(name)")).toBe(true);
    expect(hasComputedImport("await import (modules[i])")).toBe(true);
    expect(hasComputedImport("await import(\n  path.join(dir, file)\n)")).toBe(true);
  });

  it("does not mistake other names ending in import for an import", () => {
    expect(hasComputedImport("reimport(name); dynamicimport(x)")).toBe(false);
  });
});
