/**
 * `ordo flow-run retry ID [--local]`: run a Failed, Crashed or Cancelled flow run again,
 * reusing its completed tasks. A deployment's run goes back to its work queue (or its
 * serve process), as the web UI's Retry does; a run started from code, or any run with
 * `--local`, runs again in this process.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import type { OrdoClient } from "../client/ordo-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { Deployment, FlowRun } from "../schemas/index.js";
import { StateType, type StateData } from "../states/index.js";
import type { CliContext } from "./cli-context.js";
import { reportFinalState } from "./final-state.js";
import { withStdoutToStderr } from "./stdout-to-stderr.js";
import { watchFlowRun } from "./watch-flow-run.js";
import { whoWillStart } from "./who-will-start.js";

/** Options of `ordo flow-run retry`. */
interface RetryOptions {
  readonly json?: boolean | undefined;
  readonly local?: boolean | undefined;
}

/** The message of the AwaitingRetry state a retry from the CLI proposes. */
const CLI_RETRY_MESSAGE = "retried with ordo flow-run retry";

/**
 * The state that sends a finished deployment run back to its queue: AwaitingRetry, due
 * `now` (proposed as a re-run, so that its completed tasks are reused).
 */
function retryState(now: number): StateData {
  return {
    type: StateType.SCHEDULED,
    name: "AwaitingRetry",
    timestamp: now,
    scheduledTime: now,
    message: CLI_RETRY_MESSAGE,
  };
}

/** The run's deployment, or `undefined` when the run has none or it was deleted since. */
async function deploymentOf(client: OrdoClient, run: FlowRun): Promise<Deployment | undefined> {
  if (run.deploymentId === undefined) return undefined;
  try {
    return await client.orchestration.readDeployment(run.deploymentId);
  } catch (error) {
    if (error instanceof OrdoError && error.code === "ORDO_NOT_FOUND") return undefined;
    throw error;
  }
}

/** Where a retried deployment run goes, for the line the command prints. */
function destination(deployment: Deployment): string {
  return deployment.workPoolName === undefined
    ? `the serve process of ${deployment.flowName}/${deployment.name}`
    : `work pool '${deployment.workPoolName}'`;
}

/**
 * Sends a deployment's finished run back to its queue, then follows it to its end,
 * printing its state changes (to standard error with `--json`).
 */
async function retryOnItsDeployment(
  ctx: CliContext,
  client: OrdoClient,
  run: FlowRun,
  deployment: Deployment,
  json: boolean,
): Promise<void> {
  const { assertRetryable } = await import("../sdk/retryable-run.js");
  assertRetryable(run);
  const shown = (await client.readFlowRunStates(run.id)).length;
  const answer = await client.setFlowRunState(run.id, retryState(Date.now()), { rerun: true });
  if (answer.status !== "ACCEPT") {
    throw new OrdoError(
      "ORDO_CONFLICT",
      `flow run ${run.id} was not retried: ${answer.reason ?? "refused"}; it is ${answer.state.name}`,
      { flowRunId: run.id, state: answer.state.name },
    );
  }
  const print = (line: string) => (json ? ctx.io.err(line) : ctx.io.out(line));
  print(
    `flow run '${run.name}' (${run.id}) goes back to ${destination(deployment)}, which runs it again ` +
      `(its completed tasks are reused); Ctrl-C stops watching, not the run\n`,
  );
  const note = await whoWillStart(client, deployment.id);
  if (note !== undefined) ctx.io.err(`${note}\n`);
  const final = await watchFlowRun(client, run.id, print, { shown });
  // Loaded here, not by every command: reading a result back needs the engine's config.
  const { readFlowRunState } = await import("../sdk/read-flow-run-state.js");
  await reportFinalState(ctx, await readFlowRunState(final), json);
}

/** Re-runs the run in this process, loading its flow file compiled ahead (as `ordo run`). */
async function retryHere(ctx: CliContext, id: string, json: boolean): Promise<void> {
  const { retryFlowRunImporting } = await import("../sdk/retry-flow-run.js");
  const { importFlowFile } = await import("../worker/import-flow-file.js");
  const retryRun = () => retryFlowRunImporting(id, importFlowFile);
  const state = json ? await withStdoutToStderr(retryRun) : await retryRun();
  await reportFinalState(ctx, state, json);
}

async function retry(ctx: CliContext, id: string, options: RetryOptions): Promise<void> {
  const client = await getClient();
  await client.markCrashedRuns(); // a run whose process died becomes Crashed, and so retryable
  const json = options.json === true;
  const run = await client.readFlowRun(id);
  if (options.local !== true) {
    const deployment = await deploymentOf(client, run);
    if (deployment !== undefined) return retryOnItsDeployment(ctx, client, run, deployment, json);
    if (run.deploymentId !== undefined) {
      ctx.io.err(`note: the run's deployment was deleted: it runs again in this process\n`);
    }
  }
  await retryHere(ctx, id, json);
}

/**
 * Adds `retry` to the `ordo flow-run` command group.
 *
 * @example
 * ```ts
 * registerFlowRunRetryCommand(group, ctx);
 * ```
 */
export function registerFlowRunRetryCommand(group: Command, ctx: CliContext): void {
  group
    .command("retry")
    .description(
      "run a Failed, Crashed or Cancelled flow run again, reusing its completed tasks, and wait for its end",
    )
    .argument("<id>", "the flow run's id")
    .option("--local", "run a deployment's run in this process, not on its work pool")
    .option("--json", "print the final state as JSON; the flow's own output goes to stderr")
    .addHelpText(
      "after",
      [
        "",
        "A deployment's run goes back to its work queue (AwaitingRetry) and a worker of its pool",
        "(or its serve process) runs it again, as the web UI's Retry does; the command prints its",
        "state changes until it ends. A run started from code (ordo run, a script) runs again in",
        "this process, loading the flow from the entrypoint recorded with the run.",
        "",
        "Exit code: 0 when the run ends Completed, 1 otherwise, 2 for bad input.",
      ].join("\n"),
    )
    .action((id: string, options: RetryOptions) => retry(ctx, id, options));
}
