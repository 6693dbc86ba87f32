/**
 * `ordo run FILE.ts:FLOW`: runs a flow now, in this process.
 *
 * @module
 */
import type { Command } from "commander";
import type { FlowDefinition } from "../engine/definitions.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { CliContext } from "./cli-context.js";
import { collect } from "./collect.js";
import { reportFinalState } from "./final-state.js";
import { loadFlowEntrypoint } from "./load-flow-file.js";
import { parseParams } from "./parse-params.js";
import { withStdoutToStderr } from "./stdout-to-stderr.js";

/**
 * `ORDO_INVALID_PARAMETERS` for a `--param` the flow's schema does not name, which the
 * flow would otherwise drop without a word (a typo running with the default).
 */
async function refuseUnexpectedParameters(
  def: FlowDefinition,
  params: Record<string, unknown>,
): Promise<void> {
  const [{ unexpectedParameterIssues }, { parameterJsonSchema }] = await Promise.all([
    import("../api/unexpected-parameters.js"),
    import("../engine/parameters.js"),
  ]);
  // Named `field`, as the engine's own parameter issues are.
  const issues = unexpectedParameterIssues(parameterJsonSchema(def), params, def.name).map(
    ({ path, message }) => ({ field: path, message }),
  );
  const [first] = issues;
  if (first === undefined) return;
  throw new OrdoError(
    "ORDO_INVALID_PARAMETERS",
    `invalid parameters for flow '${def.name}': ${first.field}: ${first.message}`,
    { flow: def.name, field: first.field, issues },
  );
}

/** Options of `ordo run`. */
interface RunOptions {
  readonly param: string[];
  readonly paramsJson?: string | undefined;
  readonly json?: boolean | undefined;
}

const EXAMPLES = `
Examples:
  $ ordo run flows/etl.ts:etl --param table=users --param limit=10
  $ ordo run flows/etl.ts:etl --params-json '{"table": "users", "tags": ["a", "b"]}'

--param values are parsed as JSON when they parse (3, true, [1,2], {"a":1}), else kept
as strings; the flow's params schema validates and coerces them. Exit code: 0 when the
run ends Completed, 1 when it ends in any other state, 2 for bad input.`;

/**
 * Adds `ordo run` to the program.
 *
 * @example
 * ```ts
 * registerRunCommand(program, ctx);
 * ```
 */
export function registerRunCommand(program: Command, ctx: CliContext): void {
  program
    .command("run")
    .description("run a flow from a file now, in this process, and print its final state")
    .argument("<entrypoint>", "the flow to run, as FILE.ts:FLOW (path to the file, colon, exported flow)")
    .option(
      "--param <key=value>",
      "a parameter; repeat for more (value parsed as JSON when it parses)",
      collect,
      [],
    )
    .option("--params-json <json>", "the parameters as one JSON object (--param entries override its keys)")
    .option(
      "--json",
      "print the final state (and JSON-serializable result) as JSON; the flow's own output goes to stderr",
    )
    .addHelpText("after", EXAMPLES)
    .action(async (entrypoint: string, options: RunOptions) => {
      const params = parseParams(options.param, options.paramsJson);
      const { loaded: flow, definition } = await loadFlowEntrypoint(entrypoint, process.cwd());
      if (definition !== undefined) await refuseUnexpectedParameters(definition, params);
      const json = options.json === true;
      const state = json ? await withStdoutToStderr(() => flow.state(params)) : await flow.state(params);
      await reportFinalState(ctx, state, json);
    });
}
