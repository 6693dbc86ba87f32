/**
 * Cache policies: composable descriptions of what a task's cache key depends on.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import type { CacheKeyContext, CacheKeyFn } from "./cache-key-context.js";
import { combineCacheKey, type CacheKeyPartValue } from "./cache-key.js";

/**
 * One thing a cache key depends on: a name and a function of the call.
 *
 * @example
 * ```ts
 * const region: CacheKeyPart = { name: "region", compute: (ctx) => String(ctx.flowParameters.region) };
 * const policy = new CachePolicy([region]);
 * ```
 */
export interface CacheKeyPart {
  /** Letters, digits, `_`, `.` and `-`; unique within a policy. */
  readonly name: string;
  /** The part's text for this call, or `undefined` for "do not cache this call". */
  readonly compute: (ctx: CacheKeyContext) => string | undefined;
}

const PART_NAME = /^[A-Za-z0-9][\w.-]*$/;

function normalizeParts(parts: readonly CacheKeyPart[]): readonly CacheKeyPart[] {
  const byName = new Map<string, CacheKeyPart>();
  for (const part of parts) {
    if (!PART_NAME.test(part.name)) {
      throw new OrdoError("ORDO_INVALID_PARAMETERS", `invalid cache policy part name "${part.name}"`, {
        part: part.name,
      });
    }
    const existing = byName.get(part.name);
    if (existing !== undefined && existing !== part) {
      throw new OrdoError(
        "ORDO_INVALID_PARAMETERS",
        `two different cache policy parts are named "${part.name}"; give custom parts distinct names`,
        { part: part.name },
      );
    }
    byName.set(part.name, part);
  }
  if (byName.size === 0) {
    throw new OrdoError("ORDO_INVALID_PARAMETERS", "a cache policy needs at least one part");
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * What a task's cache key depends on: one or more named parts (the task's inputs, its
 * source text, the flow's parameters, the flow run id, or custom ones). The key is the
 * SHA-256 of the task key and every part's text together (see `combineCacheKey`); when
 * any part says `undefined` (as {@link NONE} always does) there is no key and the call is
 * not cached.
 *
 * Combining with {@link CachePolicy.and} is order-independent and idempotent:
 * `INPUTS.and(TASK_SOURCE)` and `TASK_SOURCE.and(INPUTS).and(INPUTS)` give the same keys.
 *
 * @example
 * ```ts
 * const t = task({ name: "embed", cachePolicy: INPUTS.and(TASK_SOURCE), cacheExpirationSeconds: 86_400 }, embed);
 * const byModel = CachePolicy.custom("model", (ctx) => String(ctx.flowParameters.model));
 * const t2 = t.with({ cachePolicy: INPUTS.and(byModel) });
 * ```
 */
export class CachePolicy {
  /** The parts, sorted by name, without duplicates. */
  readonly parts: readonly CacheKeyPart[];
  /** The part names joined with `+`, e.g. `inputs+task_source`. */
  readonly name: string;
  /**
   * The policy as a cache key function (the form the engine calls). It reads the
   * arguments from `ctx.args`.
   */
  readonly keyFn: CacheKeyFn;

  /**
   * @param parts - at least one part; parts with the same name must be the same object.
   * @throws OrdoError `ORDO_INVALID_PARAMETERS` for no parts, bad names or name clashes.
   */
  constructor(parts: readonly CacheKeyPart[]) {
    this.parts = normalizeParts(parts);
    this.name = this.parts.map((p) => p.name).join("+");
    this.keyFn = (ctx) => this.computeKey(ctx);
  }

  /**
   * A policy of one custom part.
   *
   * @example
   * ```ts
   * const perDay = CachePolicy.custom("day", () => new Date().toISOString().slice(0, 10));
   * const policy = INPUTS.and(perDay); // the same inputs are recomputed once a day
   * ```
   */
  static custom(name: string, compute: (ctx: CacheKeyContext) => string | undefined): CachePolicy {
    return new CachePolicy([{ name, compute }]);
  }

  /**
   * The cache key of a call: 64 hex digits, or `undefined` when a part declines.
   *
   * @throws OrdoError `ORDO_UNHASHABLE_INPUT` when a part hashes a value that is not data.
   * @example
   * ```ts
   * INPUTS.computeKey({ taskKey: "add", taskSource: "", args: [1, 2], flowRunId: "r1", flowParameters: {} });
   * NONE.computeKey(ctx); // undefined
   * ```
   */
  computeKey(ctx: CacheKeyContext): string | undefined {
    const values: CacheKeyPartValue[] = [];
    for (const part of this.parts) {
      const value = part.compute(ctx);
      if (value === undefined) return undefined;
      values.push([part.name, value]);
    }
    return combineCacheKey(ctx.taskKey, values);
  }

  /**
   * A policy whose key depends on the parts of both policies.
   *
   * @example
   * ```ts
   * const policy = INPUTS.and(TASK_SOURCE); // recompute when the inputs or the code change
   * ```
   */
  and(other: CachePolicy): CachePolicy {
    return new CachePolicy([...this.parts, ...other.parts]);
  }

  /** `CachePolicy(inputs+task_source)`. */
  toString(): string {
    return `CachePolicy(${this.name})`;
  }
}
