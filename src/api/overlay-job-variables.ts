/**
 * How job variables go over each other: a deployment's over its pool's defaults, a run's
 * over its deployment's.
 *
 * @module
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The job variables `over` laid over `base`: each key of `over` replaces the same key of
 * `base`, except `env`, whose variables are merged one by one (as Prefect merges a flow
 * run's job variables over its deployment's), so a run can change one environment
 * variable and keep the others (and a deployment keeps its pool's).
 *
 * @example
 * ```ts
 * overlayJobVariables({ env: { MODE: "slow", REGION: "eu" }, workingDir: "/srv" }, { env: { MODE: "fast" } });
 * // { env: { MODE: "fast", REGION: "eu" }, workingDir: "/srv" }
 * ```
 */
export function overlayJobVariables(
  base: Readonly<Record<string, unknown>>,
  over: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  if (over === undefined) return { ...base };
  const merged: Record<string, unknown> = { ...base, ...over };
  const baseEnv = base["env"];
  const overEnv = over["env"];
  if (isRecord(baseEnv) && isRecord(overEnv)) merged["env"] = { ...baseEnv, ...overEnv };
  return merged;
}
