/**
 * Which paths of a project stay out of its bundle: gitignore semantics across nested
 * files, `.ordoignore` over `.gitignore`, and the folders that never go in.
 */
import { describe, expect, it } from "vitest";
import { IgnoreRules } from "../../../src/bundles/index.js";

describe("bundle ignore rules", () => {
  it("never bundles node_modules, .git or .ordo, at any depth, whatever the rules say", () => {
    const rules = new IgnoreRules();
    rules.add("", "!node_modules\n!.git\n");
    expect(rules.ignores("node_modules", true)).toBe(true);
    expect(rules.ignores("packages/app/node_modules", true)).toBe(true);
    expect(rules.ignores(".git", true)).toBe(true);
    expect(rules.ignores("vendor/lib/.git", false)).toBe(true);
    expect(rules.ignores(".ordo", true)).toBe(true);
    expect(rules.ignores("src/node_modules.ts", false)).toBe(false);
  });

  it("applies the root .gitignore to files and folders (a trailing slash matches folders only)", () => {
    const rules = new IgnoreRules();
    rules.add("", "dist/\n*.log\n/secrets.json\n");
    expect(rules.ignores("dist", true)).toBe(true);
    expect(rules.ignores("dist", false)).toBe(false);
    expect(rules.ignores("app.log", false)).toBe(true);
    expect(rules.ignores("logs/deep/app.log", false)).toBe(true);
    expect(rules.ignores("secrets.json", false)).toBe(true);
    expect(rules.ignores("config/secrets.json", false)).toBe(false);
    expect(rules.ignores("flows/etl.ts", false)).toBe(false);
  });

  it("applies a nested .gitignore below its folder only, relative to it", () => {
    const rules = new IgnoreRules();
    rules.add("", "*.tmp\n");
    rules.add("data", "/raw\n*.csv\n");
    expect(rules.ignores("data/raw", true)).toBe(true);
    expect(rules.ignores("data/2024/x.csv", false)).toBe(true);
    expect(rules.ignores("raw", true)).toBe(false);
    expect(rules.ignores("x.csv", false)).toBe(false);
    expect(rules.ignores("data/notes.tmp", false)).toBe(true);
  });

  it("lets a deeper file re-include what a shallower one ignores", () => {
    const rules = new IgnoreRules();
    rules.add("", "*.log\n");
    rules.add("sub", "!keep.log\n");
    expect(rules.ignores("sub/keep.log", false)).toBe(false);
    expect(rules.ignores("sub/other.log", false)).toBe(true);
    expect(rules.ignores("keep.log", false)).toBe(true);
  });

  it("gives .ordoignore the last word in its folder: it can leave out more, or bundle what git ignores", () => {
    const rules = new IgnoreRules();
    rules.add("", ".env*\n"); // .gitignore
    rules.add("", "!.env.defaults\nfixtures/\n"); // .ordoignore
    expect(rules.ignores(".env", false)).toBe(true);
    expect(rules.ignores(".env.defaults", false)).toBe(false);
    expect(rules.ignores("fixtures", true)).toBe(true);
  });
});
