/**
 * `ordo task-run ls | inspect`.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import type { TaskRunFilter } from "../schemas/index.js";
import type { CliContext } from "./cli-context.js";
import { collect } from "./collect.js";
import { formatJson } from "./output/json.js";
import { parseLimit } from "./parse-limit.js";
import { parseStateSelection } from "./state-filter.js";
import { taskRunDetails, taskRunTable } from "./task-run-view.js";

/** Options of `ordo task-run ls`. */
interface LsOptions {
  readonly flowRun?: string | undefined;
  readonly state: string[];
  readonly limit?: string | undefined;
  readonly json?: boolean | undefined;
}

/** Options of `ordo task-run inspect`. */
interface JsonOption {
  readonly json?: boolean | undefined;
}

async function listTaskRuns(ctx: CliContext, options: LsOptions): Promise<void> {
  const selection = parseStateSelection(options.state);
  const limit = parseLimit(options.limit, 20, 100_000);
  const client = await getClient();
  if (options.flowRun !== undefined) await client.readFlowRun(options.flowRun); // ORDO_NOT_FOUND for a wrong id
  const filter: TaskRunFilter = {
    ...(options.flowRun === undefined ? {} : { flowRunId: options.flowRun }),
    ...(selection === undefined ? {} : { stateTypes: [...selection.types] }),
    ...(selection?.names === undefined ? {} : { stateNames: [...selection.names] }),
    // One flow run's tasks in the order they ran; across runs, the latest first.
    sort: options.flowRun === undefined ? "NEWEST" : "OLDEST",
    limit,
  };
  const runs = await client.readTaskRuns(filter);
  if (options.json === true) {
    ctx.io.out(formatJson(runs));
    return;
  }
  ctx.io.out(taskRunTable(runs, ctx.io.now()));
  if (runs.length === 0) ctx.io.err("No task runs found.\n");
}

async function inspectTaskRun(ctx: CliContext, id: string, options: JsonOption): Promise<void> {
  const client = await getClient();
  const run = await client.readTaskRun(id);
  ctx.io.out(options.json === true ? formatJson(run) : taskRunDetails(run, ctx.io.now()));
}

/**
 * Adds `ordo task-run` and its subcommands to the program.
 *
 * @example
 * ```ts
 * registerTaskRunCommands(program, ctx);
 * ```
 */
export function registerTaskRunCommands(program: Command, ctx: CliContext): void {
  const group = program.command("task-run").description("list and inspect task runs");

  group
    .command("ls")
    .description(
      "list the latest task runs, newest first (--flow-run: one flow run's, in the order they ran)",
    )
    .option("--flow-run <id>", "only task runs of this flow run")
    .option(
      "--state <state>",
      "only runs in this state type (FAILED) or name (Failed, Cached); repeatable",
      collect,
      [],
    )
    .option("--limit <n>", "at most this many runs (default 20)")
    .option("--json", "print the task runs as a JSON array")
    .action((options: LsOptions) => listTaskRuns(ctx, options));

  group
    .command("inspect")
    .description("show every field of a task run and its state history")
    .argument("<id>", "the task run's id")
    .option("--json", "print the task run as JSON")
    .action((id: string, options: JsonOption) => inspectTaskRun(ctx, id, options));
}
