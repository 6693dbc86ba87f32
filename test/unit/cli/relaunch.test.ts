/**
 * When the `ordo` bin starts itself again with `--experimental-import-meta-resolve`: for
 * the commands that load flow files, once, where Node.js has the option.
 */
import { describe, expect, it } from "vitest";
import { relaunchArgs, type LaunchFacts } from "../../../src/cli/relaunch.js";

const FLAG = "--experimental-import-meta-resolve";
const facts = (args: string[], over: Partial<LaunchFacts> = {}): LaunchFacts => ({
  argv: ["/usr/bin/node", "/p/bin/ordo.js", ...args],
  execArgv: [],
  nodeOptions: undefined,
  flagAllowed: true,
  ...over,
});

describe("relaunchArgs", () => {
  it("starts `ordo run`, `ordo deploy` and `ordo flow-run retry` again with the option, keeping Node's options and every argument", () => {
    expect(relaunchArgs(facts(["run", "flows/etl.ts:etl", "--param", "n=1"]))).toEqual([
      FLAG,
      "/p/bin/ordo.js",
      "run",
      "flows/etl.ts:etl",
      "--param",
      "n=1",
    ]);
    expect(relaunchArgs(facts(["deploy", "--all"], { execArgv: ["--max-old-space-size=4096"] }))).toEqual([
      FLAG,
      "--max-old-space-size=4096",
      "/p/bin/ordo.js",
      "deploy",
      "--all",
    ]);
    expect(relaunchArgs(facts(["flow-run", "retry", "01a2"]))).toEqual([
      FLAG,
      "/p/bin/ordo.js",
      "flow-run",
      "retry",
      "01a2",
    ]);
  });

  it("goes on in this process for other commands, for help, and without a command", () => {
    expect(relaunchArgs(facts(["flow-run", "ls"]))).toBeUndefined();
    expect(relaunchArgs(facts(["flow-run", "retry", "--help"]))).toBeUndefined();
    expect(relaunchArgs(facts(["worker", "start", "--pool", "run"]))).toBeUndefined();
    expect(relaunchArgs(facts(["run", "--help"]))).toBeUndefined();
    expect(relaunchArgs(facts([]))).toBeUndefined();
  });

  it("goes on in this process when the option is given already, or unknown to this Node.js", () => {
    expect(relaunchArgs(facts(["run", "f.ts:f"], { execArgv: [FLAG] }))).toBeUndefined();
    expect(
      relaunchArgs(facts(["run", "f.ts:f"], { nodeOptions: `--trace-warnings ${FLAG}` })),
    ).toBeUndefined();
    expect(relaunchArgs(facts(["run", "f.ts:f"], { flagAllowed: false }))).toBeUndefined();
  });
});
