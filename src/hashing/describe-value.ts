/**
 * Names the type of a value for error messages: `function loadRows`, `symbol`,
 * `Promise`, `PgClient instance`.
 *
 * @module
 */

/**
 * The type of `value` in a few words, as used in the messages of
 * `ORDO_UNHASHABLE_INPUT` and `ORDO_RESULT_NOT_SERIALIZABLE`.
 *
 * @example
 * ```ts
 * describeType(async function load() {}); // "function load"
 * describeType(new Map());                 // "Map instance"
 * describeType(Promise.resolve(1));        // "Promise"
 * ```
 */
export function describeType(value: unknown): string {
  switch (typeof value) {
    case "function": {
      const name = value.name;
      const isClass = Function.prototype.toString.call(value).startsWith("class");
      return `${isClass ? "class" : "function"}${name ? ` ${name}` : ""}`;
    }
    case "symbol":
      return value.description === undefined ? "symbol" : `symbol ${value.description}`;
    case "object": {
      if (value === null) return "null";
      if (value instanceof Promise) return "Promise";
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto === null) return "object";
      const ctor: unknown = (proto as { constructor?: unknown }).constructor;
      const name = typeof ctor === "function" ? ctor.name : "";
      return `${name || "anonymous class"} instance`;
    }
    default:
      return typeof value;
  }
}

/**
 * A short hint on what to do about an unsupported value, or `""`.
 *
 * @example
 * ```ts
 * unsupportedHint(Promise.resolve(1)); // "await it first"
 * ```
 */
export function unsupportedHint(value: unknown): string {
  if (typeof value === "function") return "functions are code, not data";
  if (typeof value === "symbol") return "symbols have no portable value";
  if (value instanceof Promise) return "await it first";
  return "class instances are only taken by value when they define toJSON()";
}
