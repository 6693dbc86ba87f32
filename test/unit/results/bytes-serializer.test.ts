import { describe, expect, it } from "vitest";
import { BYTES_SERIALIZER } from "../../../src/results/bytes-serializer.js";
import { getSerializer } from "../../../src/results/get-serializer.js";
import { JSON_SERIALIZER } from "../../../src/results/json-serializer.js";
import { isOrdoError } from "../../../src/errors/ordo-error.js";

describe("bytes serializer", () => {
  it("stores Uint8Arrays, Buffers and ArrayBuffers as their bytes", () => {
    for (const value of [new Uint8Array([1, 2]), Buffer.from([1, 2]), new Uint8Array([1, 2]).buffer]) {
      const out = BYTES_SERIALIZER.serialize(value);
      expect(out.ok).toBe(true);
      if (out.ok) expect([...out.data]).toEqual([1, 2]);
    }
  });

  it("reads back a plain Uint8Array", () => {
    const back = BYTES_SERIALIZER.deserialize(Buffer.from([7, 8]));
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(back)).toBe(false);
    expect([...(back as Uint8Array)]).toEqual([7, 8]);
  });

  it("refuses anything else, pointing to the json serializer", () => {
    const out = BYTES_SERIALIZER.serialize("text");
    expect(out).toMatchObject({ ok: false, path: "result" });
    if (!out.ok) expect(out.reason).toContain("json serializer");
  });
});

describe("getSerializer", () => {
  it("finds the built-in serializers by name", () => {
    expect(getSerializer("json")).toBe(JSON_SERIALIZER);
    expect(getSerializer("bytes")).toBe(BYTES_SERIALIZER);
  });

  it("prefers serializers passed to it", () => {
    const custom = { ...JSON_SERIALIZER, name: "json" };
    expect(getSerializer("json", [custom])).toBe(custom);
  });

  it("names the known serializers when the name is unknown", () => {
    try {
      getSerializer("yaml");
      expect.unreachable();
    } catch (error) {
      expect(isOrdoError(error, "ORDO_INVALID_PARAMETERS")).toBe(true);
      expect((error as Error).message).toBe(
        'unknown result serializer "yaml"; known serializers: json, bytes',
      );
    }
  });
});
