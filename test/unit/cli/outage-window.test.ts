/**
 * Which CLI commands wait out a server outage: those that run or watch flows.
 */
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { commandPath, waitsOutOutages } from "../../../src/cli/outage-window.js";

describe("waitsOutOutages", () => {
  it.each([
    ["run", {}, true],
    ["worker start", {}, true],
    ["flow-run retry", {}, true],
    ["events stream", {}, true],
    ["flow-run logs", { follow: true }, true],
    ["flow-run logs", {}, false],
    ["deployment run", { watch: true }, true],
    ["deployment run", {}, false],
    ["deployment ls", {}, false],
    ["deploy", {}, false],
    ["work-pool create", {}, false],
    ["flow-run cancel", {}, false],
  ])("%s %j → %s", (path, options, waits) => {
    expect(waitsOutOutages(path, options)).toBe(waits);
  });
});

describe("commandPath", () => {
  it("names a subcommand with its group, without the program's name", () => {
    const program = new Command("ordo");
    const run = program.command("deployment").command("run");
    expect(commandPath(run)).toBe("deployment run");
    expect(commandPath(program.command("deploy"))).toBe("deploy");
  });
});
