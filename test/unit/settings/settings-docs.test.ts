import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SETTING_DEFINITIONS } from "../../../src/settings/index.js";

const doc = readFileSync(new URL("../../../docs/settings.md", import.meta.url), "utf8");

describe("docs/settings.md", () => {
  it.each(Object.keys(SETTING_DEFINITIONS))("lists %s with its default", (name) => {
    const row = doc.split("\n").find((line) => line.split("|")[1]?.trim() === `\`${name}\``);
    expect(row, `a table row for ${name}`).toBeDefined();
    if (name === "ORDO_HOME") return; // the default depends on the user's home folder
    const value = (SETTING_DEFINITIONS as Record<string, { default: () => unknown }>)[name]!.default();
    const shown =
      value === undefined ? "unset" : `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;
    expect(row!.split("|")[2]!.trim()).toBe(shown);
  });
});
