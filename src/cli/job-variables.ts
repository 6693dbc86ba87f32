/**
 * `--job-variable key=value` options (`ordo deploy`, `ordo deployment run`) as a job
 * variables object.
 *
 * @module
 */
import { parseParams } from "./parse-params.js";

/**
 * The job variables of `--job-variable` pairs: `env.KEY=value` sets the environment
 * variable KEY (as a string); any other key is set as given, parsed as JSON when it
 * parses. Malformed pairs throw `ORDO_INVALID_INPUT` (exit 2), as for `--param`.
 *
 * @example
 * ```ts
 * jobVariablesOf(["env.MODE=fast", "workingDir=/srv/app"]);
 * // { workingDir: "/srv/app", env: { MODE: "fast" } }
 * ```
 */
export function jobVariablesOf(pairs: readonly string[]): Record<string, unknown> {
  const params = parseParams(pairs);
  const out: Record<string, unknown> = {};
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith("env.")) env[key.slice(4)] = String(value);
    else out[key] = value;
  }
  if (Object.keys(env).length > 0) out["env"] = { ...(out["env"] ?? {}), ...env };
  return out;
}
