/**
 * Finding a serializer by name.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import { BYTES_SERIALIZER } from "./bytes-serializer.js";
import { JSON_SERIALIZER } from "./json-serializer.js";
import type { Serializer } from "./serializer.js";

/**
 * The serializers Ordo ships, by name.
 *
 * @example
 * ```ts
 * [...BUILTIN_SERIALIZERS.keys()]; // ["json", "bytes"]
 * ```
 */
export const BUILTIN_SERIALIZERS: ReadonlyMap<string, Serializer> = new Map<string, Serializer>([
  [JSON_SERIALIZER.name, JSON_SERIALIZER],
  [BYTES_SERIALIZER.name, BYTES_SERIALIZER],
]);

const NO_SERIALIZERS: readonly Serializer[] = [];

/**
 * The serializer named `name`: one of `extra`, else a built-in (`json`, `bytes`).
 *
 * @throws OrdoError `ORDO_INVALID_PARAMETERS` for an unknown name, listing the known ones.
 *
 * @example
 * ```ts
 * getSerializer("json").name; // "json"
 * getSerializer("yaml");      // throws: unknown result serializer "yaml"; known serializers: json, bytes
 * ```
 */
export function getSerializer(name: string, extra: readonly Serializer[] = NO_SERIALIZERS): Serializer {
  const found =
    (extra.length === 0 ? undefined : extra.find((s) => s.name === name)) ?? BUILTIN_SERIALIZERS.get(name);
  if (found !== undefined) return found;
  const known = [...extra.map((s) => s.name), ...BUILTIN_SERIALIZERS.keys()].join(", ");
  throw new OrdoError(
    "ORDO_INVALID_PARAMETERS",
    `unknown result serializer "${name}"; known serializers: ${known}`,
    { serializer: name },
  );
}
