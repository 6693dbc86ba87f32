/**
 * `ordo flow-run resume ID [--input JSON]`: resume a Paused or Suspended flow run.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { CliContext } from "./cli-context.js";
import { formatJson } from "./output/json.js";

/** Options of `ordo flow-run resume`. */
interface ResumeOptions {
  readonly input?: string | undefined;
  readonly json?: boolean | undefined;
}

/** The `--input` text as JSON; `ORDO_INVALID_INPUT` (exit 2) when it is not JSON. */
function parseInputOption(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `--input is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      { field: "input" },
    );
  }
}

async function resume(ctx: CliContext, id: string, options: ResumeOptions): Promise<void> {
  const input = parseInputOption(options.input);
  const client = await getClient();
  const run = await client.resumeFlowRun(id, input);
  if (options.json === true) {
    ctx.io.out(formatJson(run));
    return;
  }
  const next =
    run.state.type === "SCHEDULED" ? "a worker (or `executeFlowRun`) runs it again" : "its process goes on";
  ctx.io.out(`Resumed flow run ${run.id}: now ${run.state.name}; ${next}\n`);
}

/**
 * Adds `resume` to the `ordo flow-run` command group.
 *
 * @example
 * ```ts
 * registerFlowRunResumeCommand(group, ctx);
 * ```
 */
export function registerFlowRunResumeCommand(group: Command, ctx: CliContext): void {
  group
    .command("resume")
    .description("resume a Paused or Suspended flow run, with the input its pause waits for")
    .argument("<id>", "the flow run's id")
    .option("--input <json>", "the resume input, as JSON (checked against the pause's input schema)")
    .option("--json", "print the resumed run as JSON")
    .addHelpText(
      "after",
      "\nA Paused run goes Running (its process carries on); a Suspended run goes Scheduled, to run again.\nExit code: 0 when resumed, 1 when the run is not paused (ORDO_NOT_PAUSED) or unknown, 2 for invalid input.",
    )
    .action((id: string, options: ResumeOptions) => resume(ctx, id, options));
}
