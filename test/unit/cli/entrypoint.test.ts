import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { OrdoError } from "../../../src/errors/ordo-error.js";
import { exportsOf, loadEntrypoint, parseEntrypointSpec } from "../../../src/sdk/entrypoint.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "fixtures");

async function rejection(promise: Promise<unknown>): Promise<OrdoError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OrdoError) return error;
    throw error;
  }
  throw new Error("the promise resolved");
}

describe("parseEntrypointSpec", () => {
  it("splits at the last colon", () => {
    expect(parseEntrypointSpec("flows/etl.ts:etl")).toEqual({ path: "flows/etl.ts", exportName: "etl" });
    expect(parseEntrypointSpec("C:\\flows\\etl.ts:etl")).toEqual({
      path: "C:\\flows\\etl.ts",
      exportName: "etl",
    });
    expect(parseEntrypointSpec("weird:dir/f.ts:$flow_1")).toEqual({
      path: "weird:dir/f.ts",
      exportName: "$flow_1",
    });
  });

  it("accepts the default export by name", () => {
    expect(parseEntrypointSpec("f.ts:default").exportName).toBe("default");
  });

  it.each([
    ["flows/etl.ts", "no export name"],
    ["flows/etl.ts:", "no export name"],
    [":etl", "no file path"],
    ["flows/etl.ts:my-flow", "is not an export name"],
    ["flows/etl.ts:1flow", "is not an export name"],
  ])("rejects %j with ORDO_INVALID_ENTRYPOINT (%s)", (spec, reason) => {
    let error: unknown;
    try {
      parseEntrypointSpec(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OrdoError);
    expect((error as OrdoError).code).toBe("ORDO_INVALID_ENTRYPOINT");
    expect((error as OrdoError).message).toContain(reason);
  });
});

describe("exportsOf", () => {
  it("is the namespace of an ES module", () => {
    const namespace = { etl: 1, other: 2 };
    expect(exportsOf(namespace)).toEqual({ etl: 1, other: 2 });
  });

  it("adds the names of a CommonJS module's exports object, which the namespace may not list", () => {
    expect(exportsOf({ default: { etl: 1, other: 2 } })).toEqual({
      default: { etl: 1, other: 2 },
      etl: 1,
      other: 2,
    });
  });

  it("keeps the namespace's own names over the exports object's", () => {
    expect(exportsOf({ default: { etl: 1 }, etl: 2 })).toMatchObject({ etl: 2 });
  });

  it("leaves a default export that is not an object alone", () => {
    const fn = () => 1;
    expect(exportsOf({ default: fn })).toEqual({ default: fn });
    expect(exportsOf({ default: [1, 2] })).toEqual({ default: [1, 2] });
    expect(exportsOf({ default: null })).toEqual({ default: null });
  });
});

describe("loadEntrypoint", () => {
  it("returns the exported flow and records its absolute entrypoint on it", async () => {
    const flow = await loadEntrypoint("fake-flows.ts:hello", fixtures);
    expect(flow.flowName).toBe("hello");
    expect(flow.entrypoint).toBe(`${join(fixtures, "fake-flows.ts")}:hello`);
  });

  it("resolves relative paths against the given folder", async () => {
    const flow = await loadEntrypoint("fixtures/fake-flows.ts:default", here);
    expect(flow.flowName).toBe("default-flow");
    expect(flow.entrypoint).toBe(`${join(fixtures, "fake-flows.ts")}:default`);
  });

  it("accepts absolute paths", async () => {
    const flow = await loadEntrypoint(`${join(fixtures, "fake-flows.ts")}:other`, "/");
    expect(flow.flowName).toBe("other");
  });

  it("names the missing export and lists the file's flows", async () => {
    const error = await rejection(loadEntrypoint("fake-flows.ts:helo", fixtures));
    expect(error.code).toBe("ORDO_INVALID_ENTRYPOINT");
    expect(error.message).toContain('no export "helo"');
    expect(error.message).toContain("default, hello, other");
  });

  it("says when a file exports no flows", async () => {
    const error = await rejection(loadEntrypoint("no-flows.ts:flow", fixtures));
    expect(error.message).toContain("it exports no flows");
  });

  it.each([
    ["notAFlow", "it is an object"],
    ["answer", "it is a number"],
  ])("rejects the export %s, which is not a flow", async (name, kind) => {
    const error = await rejection(loadEntrypoint(`fake-flows.ts:${name}`, fixtures));
    expect(error.code).toBe("ORDO_INVALID_ENTRYPOINT");
    expect(error.message).toContain("is not a flow");
    expect(error.message).toContain(kind);
  });

  it("rejects a missing file", async () => {
    const error = await rejection(loadEntrypoint("missing.ts:flow", fixtures));
    expect(error.code).toBe("ORDO_INVALID_ENTRYPOINT");
    expect(error.message).toContain(join(fixtures, "missing.ts"));
  });

  it("rejects a folder", async () => {
    const error = await rejection(loadEntrypoint(".:flow", fixtures));
    expect(error.message).toContain("not found");
  });

  it("reports a module that fails to import, with the module's message", async () => {
    const error = await rejection(loadEntrypoint("throws-on-import.ts:flow", fixtures));
    expect(error.code).toBe("ORDO_INVALID_ENTRYPOINT");
    expect(error.message).toContain("fixture failed to load");
  });
});
