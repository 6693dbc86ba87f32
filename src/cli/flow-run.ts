/**
 * `ordo flow-run ls | inspect | logs`, with `retry` and `resume` from their own modules.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { FlowRunFilter, LogRecord } from "../schemas/index.js";
import { isTerminalType } from "../states/index.js";
import { follow } from "./follow.js";
import { registerFlowRunResumeCommand } from "./flow-run-resume.js";
import { registerFlowRunRetryCommand } from "./flow-run-retry.js";
import type { CliContext } from "./cli-context.js";
import { collect } from "./collect.js";
import { readFlowRunOrigin } from "./flow-run-origin.js";
import { flowRunDetails, flowRunTable, logLine } from "./flow-run-view.js";
import { formatJson } from "./output/json.js";
import { parseOptionalCount } from "./parse-count.js";
import { parseLimit } from "./parse-limit.js";
import { parseStateSelection } from "./state-filter.js";

/** Options of `ordo flow-run ls`. */
interface LsOptions {
  readonly state: string[];
  readonly flow?: string | undefined;
  readonly deployment?: string | undefined;
  readonly limit?: string | undefined;
  readonly json?: boolean | undefined;
}

/** Options of the commands that only take `--json`. */
interface JsonOption {
  readonly json?: boolean | undefined;
}

/** True for a final state type (COMPLETED, FAILED, CRASHED, CANCELLED). */
function isFinalType(type: string): boolean {
  return isTerminalType(type as Parameters<typeof isTerminalType>[0]);
}

/** Options of `ordo flow-run logs`. */
interface LogsOptions extends JsonOption {
  readonly follow?: boolean | undefined;
  readonly head?: boolean | undefined;
  readonly tail?: boolean | undefined;
  readonly numLogs?: string | undefined;
}

/** After the run reaches a final state, log lines still in flight get this long to arrive. */
const FOLLOW_DRAIN_MS = 1000;

/** How often `--follow` also reads the run's state, in ms. */
const FOLLOW_CHECK_MS = 2000;

/** Prints a running flow run's log lines as they arrive, until the run ends (or Ctrl-C). */
async function followLogs(id: string, print: (record: LogRecord) => void): Promise<void> {
  const ended = new AbortController();
  let ending = false;
  const endSoon = () => {
    if (ending) return;
    ending = true;
    setTimeout(() => ended.abort(), FOLLOW_DRAIN_MS);
  };
  // The run may end before the stream starts and so never send its final event: look at
  // its state now and then as well.
  const client = await getClient();
  const check = setInterval(() => {
    client.readFlowRun(id).then(
      (run) => (isFinalType(run.state.type) ? endSoon() : undefined),
      () => undefined,
    );
  }, FOLLOW_CHECK_MS);
  try {
    await follow(
      { flowRunId: id },
      (message) => {
        if (message.kind === "log") print(message.log);
        else if (isFinalType(message.event.resource["ordo.state-type"] ?? "")) endSoon();
        return undefined;
      },
      ended.signal,
    );
  } finally {
    clearInterval(check);
  }
}

/** The page size used to read all log lines of a run. */
const LOG_PAGE = 1000;
/** The lines `--head` and `--tail` print without `--num-logs` (Prefect's 20). */
const DEFAULT_LOG_LINES = 20;

/** Flow-run filter fields for a `--state` selection: types when whole types were asked, else names. */
function stateFilter(values: readonly string[]): Pick<FlowRunFilter, "stateTypes" | "stateNames"> {
  const selection = parseStateSelection(values);
  if (selection === undefined) return {};
  if (selection.names === undefined) return { stateTypes: [...selection.types] };
  return { stateNames: [...selection.names] };
}

async function listFlowRuns(ctx: CliContext, options: LsOptions): Promise<void> {
  const filter: FlowRunFilter = {
    ...stateFilter(options.state),
    ...(options.flow === undefined ? {} : { flowName: options.flow }),
    limit: parseLimit(options.limit, 20, 1000),
  };
  const client = await getClient();
  if (options.deployment !== undefined) {
    // ORDO_NOT_FOUND (naming the flow's deployments) for an unknown one, not an empty list.
    const deployment = await client.orchestration.readDeployment(options.deployment);
    filter.deploymentIds = [deployment.id];
  }
  await client.markCrashedRuns(); // runs whose process died show as Crashed, not Running
  const runs = await client.readFlowRuns(filter);
  if (options.json === true) {
    ctx.io.out(formatJson(runs));
    return;
  }
  ctx.io.out(flowRunTable(runs, ctx.io.now()));
  if (runs.length === 0) ctx.io.err("No flow runs found. Start one with: ordo run FILE.ts:FLOW\n");
}

async function inspectFlowRun(ctx: CliContext, id: string, options: JsonOption): Promise<void> {
  const client = await getClient();
  const run = await client.readFlowRun(id);
  const history = await client.readFlowRunStates(id);
  if (options.json === true) {
    ctx.io.out(formatJson({ ...run, stateHistory: history }));
    return;
  }
  ctx.io.out(flowRunDetails(run, history, ctx.io.now(), await readFlowRunOrigin(client, run)));
}

/** How many lines `--head` or `--tail` print; undefined for all of them. */
function lineCount(options: LogsOptions): number | undefined {
  const picked = [
    options.head === true && "--head",
    options.tail === true && "--tail",
    options.follow === true && "--follow",
  ];
  const given = picked.filter((flag): flag is string => flag !== false);
  if (given.length > 1) {
    throw new OrdoError("ORDO_INVALID_INPUT", `${given.join(" and ")} do not go together: give one`, {
      option: given[1],
    });
  }
  if (options.head !== true && options.tail !== true) {
    if (options.numLogs !== undefined) {
      throw new OrdoError("ORDO_INVALID_INPUT", "--num-logs goes with --head or --tail", {
        option: "--num-logs",
      });
    }
    return undefined;
  }
  return parseOptionalCount(options.numLogs, "--num-logs", 1) ?? DEFAULT_LOG_LINES;
}

async function showLogs(ctx: CliContext, id: string, options: LogsOptions): Promise<void> {
  const count = lineCount(options);
  const client = await getClient();
  const run = await client.readFlowRun(id); // ORDO_NOT_FOUND for an unknown id, rather than an empty list
  const print = (record: LogRecord) =>
    ctx.io.out(options.json === true ? `${JSON.stringify(record)}\n` : logLine(record));
  if (options.follow === true && !isFinalType(run.state.type)) {
    await followLogs(id, print);
    return;
  }
  // --tail keeps the last lines read; --head stops after its lines.
  const last: LogRecord[] = [];
  let printed = 0;
  let afterId: number | undefined;
  for (;;) {
    const limit =
      options.head === true && count !== undefined ? Math.min(LOG_PAGE, count - printed) : LOG_PAGE;
    const page = await client.readLogs({
      flowRunId: id,
      limit,
      ...(afterId === undefined ? {} : { afterId }),
    });
    if (options.tail === true && count !== undefined) {
      last.push(...page);
      if (last.length > count) last.splice(0, last.length - count);
    } else for (const record of page) print(record);
    printed += page.length;
    const lastId = page.at(-1)?.id;
    const full = options.head === true && count !== undefined && printed >= count;
    if (full || page.length < limit || lastId === undefined || lastId === afterId) break;
    afterId = lastId;
  }
  for (const record of last) print(record);
}

/**
 * Adds `ordo flow-run` and its subcommands to the program.
 *
 * @example
 * ```ts
 * registerFlowRunCommands(program, ctx);
 * ```
 */
export function registerFlowRunCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command("flow-run")
    .description("list, inspect, retry, resume, cancel and delete flow runs");

  group
    .command("ls")
    .description("list flow runs, newest first (runs whose process died are marked Crashed first)")
    .option(
      "--state <state>",
      "only runs in this state type (FAILED) or name (Failed, AwaitingRetry); repeatable",
      collect,
      [],
    )
    .option("--flow <name>", "only runs of this flow")
    .option("--deployment <name>", "only runs of this deployment (FLOW/DEPLOYMENT or its id)")
    .option("--limit <n>", "at most this many runs (1-1000, default 20)")
    .option("--json", "print the runs as a JSON array")
    .action((options: LsOptions) => listFlowRuns(ctx, options));

  group
    .command("inspect")
    .description("show every field of a flow run and its state history")
    .argument("<id>", "the flow run's id")
    .option("--json", "print the run and its state history as JSON")
    .action((id: string, options: JsonOption) => inspectFlowRun(ctx, id, options));

  group
    .command("logs")
    .description("print a flow run's log lines (its tasks' included), oldest first")
    .argument("<id>", "the flow run's id")
    .option("--follow", "keep printing new log lines until the run ends (Ctrl-C stops)")
    .option("--head", "only the first lines (20, or --num-logs)")
    .option("--tail", "only the last lines (20, or --num-logs)")
    .option("--num-logs <n>", "with --head or --tail: how many lines")
    .option("--json", "print one JSON object per line")
    .action((id: string, options: LogsOptions) => showLogs(ctx, id, options));

  registerFlowRunRetryCommand(group, ctx);
  registerFlowRunResumeCommand(group, ctx);
}
