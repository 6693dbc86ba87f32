import { describe, expect, it } from "vitest";
import {
  MAX_VARIABLE_VALUE_BYTES as SERVER_MAX_BYTES,
  VariableNameSchema,
} from "../../../src/schemas/variable.js";
import {
  formatBytes,
  jsonByteLength,
  MAX_VARIABLE_VALUE_BYTES,
  parseJsonValue,
  parseTags,
  valuePreview,
  valueToEditorText,
  variableNameProblem,
} from "../../src/pages/variables/variable-form.js";

describe("variable names", () => {
  it("accept lowercase letters, digits, '_' and '-', starting with a letter or digit", () => {
    for (const name of ["db_url", "batch-size", "x", "9lives", "a".repeat(255)]) {
      expect(variableNameProblem(name), name).toBeUndefined();
    }
  });

  it("refuse empty names, capitals, spaces, dots, a leading '_' or '-', and names over 255", () => {
    expect(variableNameProblem("")).toBe("Enter a name.");
    for (const name of ["DB_URL", "db url", "db.url", "_x", "-x", "é"]) {
      expect(variableNameProblem(name), name).toMatch(/lowercase letters/);
    }
    expect(variableNameProblem("a".repeat(256))).toBe("A name has at most 255 characters.");
  });

  it("agree with the server's rule on every sample", () => {
    const samples = [
      "db_url",
      "DB",
      "",
      "a-b_c9",
      "_a",
      "-a",
      "a b",
      "ä",
      "a.b",
      "0",
      "a".repeat(255),
      "a".repeat(256),
    ];
    for (const name of samples) {
      expect(variableNameProblem(name) === undefined, name).toBe(VariableNameSchema.safeParse(name).success);
    }
  });
});

describe("variable values", () => {
  it("parse any JSON value", () => {
    expect(parseJsonValue('"hello"')).toEqual({ ok: true, value: "hello" });
    expect(parseJsonValue(" 42 ")).toEqual({ ok: true, value: 42 });
    expect(parseJsonValue("null")).toEqual({ ok: true, value: null });
    expect(parseJsonValue('{"a": [1, true]}')).toEqual({ ok: true, value: { a: [1, true] } });
  });

  it("refuse text that is not JSON, such as an unquoted string, saying why", () => {
    const unquoted = parseJsonValue("hello");
    expect(unquoted.ok).toBe(false);
    expect(!unquoted.ok && unquoted.message).toMatch(/^Not JSON: /);
    expect(parseJsonValue("{a: 1}").ok).toBe(false);
  });

  it("ask for a value when the editor is empty", () => {
    expect(parseJsonValue("  \n")).toEqual({
      ok: false,
      message: 'Enter a JSON value (a string needs quotes: "text").',
    });
  });

  it("count size in bytes of JSON text, as the server does, with the server's limit", () => {
    expect(jsonByteLength("é")).toBe(4); // "é" with its quotes: 1 + 2 + 1 bytes
    expect(jsonByteLength({ a: 1 })).toBe(7);
    expect(MAX_VARIABLE_VALUE_BYTES).toBe(SERVER_MAX_BYTES);
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(64 * 1024)).toBe("64 KB");
    expect(formatBytes(1536)).toBe("1.5 KB");
  });

  it("edit as pretty JSON and preview as one cut line", () => {
    expect(valueToEditorText({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(valuePreview({ a: "x" })).toBe('{"a":"x"}');
    expect(valuePreview("a".repeat(100), 10)).toBe(`"aaaaaaaa…`);
  });
});

describe("variable tags", () => {
  it("split on commas, trimmed, without empties or repeats", () => {
    expect(parseTags(" prod, etl ,,prod ")).toEqual(["prod", "etl"]);
    expect(parseTags("")).toEqual([]);
  });
});
