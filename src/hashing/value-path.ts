/**
 * Paths into a value, written as JavaScript expressions (`args[1].client`,
 * `result.rows[3]`, `[...value.keys()][0]`), for error messages that point at the
 * offending part of an argument or a result.
 *
 * @module
 */

/**
 * One step from a container to a child: an array index, an object key, or a step into
 * a Map, a Set, an Error's cause or a `toJSON()` result.
 *
 * @example
 * ```ts
 * const segments: PathSegment[] = [1, "client", { step: "to-json" }];
 * ```
 */
export type PathSegment =
  | number
  | string
  | { readonly step: "map-key"; readonly index: number }
  | { readonly step: "map-value"; readonly index: number; readonly key: unknown }
  | { readonly step: "set-member"; readonly index: number }
  | { readonly step: "cause" }
  | { readonly step: "to-json" };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function primitiveKeyText(key: unknown): string | undefined {
  switch (typeof key) {
    case "string":
      return JSON.stringify(key);
    case "number":
      return Object.is(key, -0) ? "-0" : String(key);
    case "bigint":
      return `${key}n`;
    case "boolean":
    case "undefined":
      return String(key);
    default:
      return key === null ? "null" : undefined;
  }
}

/**
 * Writes `segments` after `root` as a JavaScript expression.
 *
 * @example
 * ```ts
 * formatPath("args", [1, "client"]); // "args[1].client"
 * formatPath("value", ["my key", { step: "set-member", index: 0 }]); // '[...value["my key"]][0]'
 * ```
 */
export function formatPath(root: string, segments: readonly PathSegment[]): string {
  let path = root;
  for (const segment of segments) {
    if (typeof segment === "number") {
      path += `[${segment}]`;
    } else if (typeof segment === "string") {
      path += IDENTIFIER.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`;
    } else {
      switch (segment.step) {
        case "map-key":
          path = `[...${path}.keys()][${segment.index}]`;
          break;
        case "map-value": {
          const key = primitiveKeyText(segment.key);
          path = key === undefined ? `[...${path}.values()][${segment.index}]` : `${path}.get(${key})`;
          break;
        }
        case "set-member":
          path = `[...${path}][${segment.index}]`;
          break;
        case "cause":
          path += ".cause";
          break;
        case "to-json":
          path += ".toJSON()";
          break;
      }
    }
  }
  return path;
}
