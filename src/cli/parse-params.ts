/**
 * Flow parameters from the command line: `--param k=v` (repeatable) and `--params-json`.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets an own property, so a key such as "__proto__" is a plain key, not a prototype change. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `v` as JSON when it parses as JSON, else the text itself. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Builds a flow's parameters from `--params-json` (a JSON object) and `--param k=v` pairs.
 * Each pair's value is parsed as JSON when it parses (`n=3` → 3, `ok=true` → true,
 * `ids=[1,2]` → [1, 2]) and kept as a string otherwise (`table=users` → "users"); the
 * flow's schema coerces it further. Pairs override keys of `--params-json`. Throws
 * `ORDO_INVALID_INPUT`, naming the bad pair, for a pair without `=` or key, and for
 * `--params-json` text that is not a JSON object.
 *
 * @example
 * ```ts
 * parseParams(["n=3", "table=users"], '{"limit": 10}'); // { limit: 10, n: 3, table: "users" }
 * ```
 */
export function parseParams(pairs: readonly string[], json?: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  if (json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json) as unknown;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new OrdoError("ORDO_INVALID_INPUT", `--params-json is not valid JSON: ${reason}`, { json });
    }
    if (!isPlainObject(parsed)) {
      const kind = parsed === null ? "null" : Array.isArray(parsed) ? "an array" : `a ${typeof parsed}`;
      throw new OrdoError(
        "ORDO_INVALID_INPUT",
        `--params-json must be a JSON object such as '{"n": 1}', got ${kind}`,
        {
          json,
        },
      );
    }
    for (const [key, value] of Object.entries(parsed)) setOwn(params, key, value);
  }
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const key = eq < 0 ? "" : pair.slice(0, eq).trim();
    if (key === "") {
      throw new OrdoError("ORDO_INVALID_INPUT", `invalid --param "${pair}": expected key=value`, {
        param: pair,
      });
    }
    setOwn(params, key, parseValue(pair.slice(eq + 1)));
  }
  return params;
}
