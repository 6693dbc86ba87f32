/**
 * Run names: generated `adjective-animal` names from lists large enough that a
 * deployment's planned runs seldom share one, and templates filled from arguments.
 */
import { describe, expect, it } from "vitest";
import { RUN_NAME_ADJECTIVES, RUN_NAME_ANIMALS } from "../../../src/engine/run-name-words.js";
import { flowRunNameOf, randomRunName, renderTemplate, taskRunNameOf } from "../../../src/engine/run-name.js";

describe("randomRunName", () => {
  it("joins an adjective and an animal, lower-case words, picked by the random source", () => {
    expect(randomRunName(() => 0)).toBe(`${RUN_NAME_ADJECTIVES[0]}-${RUN_NAME_ANIMALS[0]}`);
    expect(randomRunName(() => 0.999_999)).toBe(`${RUN_NAME_ADJECTIVES.at(-1)}-${RUN_NAME_ANIMALS.at(-1)}`);
    for (let i = 0; i < 200; i++) expect(randomRunName()).toMatch(/^[a-z]+-[a-z]+$/);
  });

  it("has over 15,000 distinct names: 100 runs share one with a chance of about one in four", () => {
    for (const words of [RUN_NAME_ADJECTIVES, RUN_NAME_ANIMALS]) {
      expect(new Set(words).size).toBe(words.length);
      expect(words.every((word) => /^[a-z]+$/.test(word))).toBe(true);
    }
    const pairs = RUN_NAME_ADJECTIVES.length * RUN_NAME_ANIMALS.length;
    expect(pairs).toBeGreaterThan(15_000);
    // The birthday bound: the chance that 100 names are not all distinct.
    let distinct = 1;
    for (let i = 0; i < 100; i++) distinct *= (pairs - i) / pairs;
    expect(1 - distinct).toBeLessThan(0.3);
  });
});

describe("run name templates", () => {
  it("fills positional and named placeholders and leaves unknown ones", () => {
    expect(renderTemplate("fetch-{0}", ["users"], undefined)).toBe("fetch-users");
    expect(renderTemplate("etl-{table}-{day}", [], { table: "t" })).toBe("etl-t-{day}");
    expect(taskRunNameOf(undefined, "load", "3", [])).toBe("load-3");
    expect(taskRunNameOf("load-{0}", "load", "3", ["orders"])).toBe("load-orders");
    expect(flowRunNameOf("report-{region}", { region: "eu" })).toBe("report-eu");
    expect(flowRunNameOf((params) => `by-${String(params["who"])}`, { who: "ada" })).toBe("by-ada");
  });
});
