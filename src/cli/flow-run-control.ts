/**
 * `ordo flow-run cancel|delete|set-state|execute`: operators cancel, delete and force runs;
 * workers run claimed runs (`execute` is what a worker's child process runs).
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import { STATE_NAMES, StateType, type StateData, type StateName } from "../states/index.js";
import type { CliContext } from "./cli-context.js";
import { ExitCode } from "./cli-context.js";
import { formatJson } from "./output/json.js";

interface JsonOption {
  readonly json?: boolean | undefined;
}

/** The state a name (Cancelled) or type (CANCELLED) means; `ORDO_INVALID_INPUT` otherwise. */
export function stateFromName(text: string, now: number, message?: string): StateData {
  for (const [type, names] of Object.entries(STATE_NAMES) as [StateType, readonly string[]][]) {
    const name = names.find((n) => n.toLowerCase() === text.toLowerCase());
    if (name !== undefined || type === text.toUpperCase()) {
      return {
        type,
        name: (name ?? names[0]!) as StateName,
        timestamp: now,
        ...(type === StateType.SCHEDULED ? { scheduledTime: now } : {}),
        ...(message === undefined ? {} : { message }),
      };
    }
  }
  const all = Object.values(STATE_NAMES).flat().join(", ");
  throw new OrdoError("ORDO_INVALID_INPUT", `unknown state "${text}": use one of ${all}`, { state: text });
}

/** Adds `cancel`, `delete`, `set-state` and `execute` to the `flow-run` command group. */
export function registerFlowRunControlCommands(group: Command, ctx: CliContext): void {
  group
    .command("cancel")
    .description(
      "cancel a run: Scheduled or Paused runs end Cancelled at once; a running run's worker kills it",
    )
    .argument("<id>", "the flow run's id")
    .option("--reason <text>", "why (recorded in the state's message)")
    .option("--json", "print the run as JSON")
    .action(async (id: string, options: { reason?: string } & JsonOption) => {
      const run = await (await getClient()).orchestration.cancelFlowRun(id, options.reason);
      ctx.io.out(options.json === true ? formatJson(run) : `flow run ${id} is ${run.state.name}\n`);
    });

  group
    .command("delete")
    .description("delete a run with its states, task runs and logs (cancel a running run first)")
    .argument("<id>", "the flow run's id")
    .action(async (id: string) => {
      await (await getClient()).orchestration.deleteFlowRun(id);
      ctx.io.out(`deleted flow run ${id}\n`);
    });

  group
    .command("set-state")
    .description("propose a state for a run, checked by the orchestration rules (--force skips them)")
    .argument("<id>", "the flow run's id")
    .argument("<state>", "a state name (Cancelled, Failed, Scheduled, …) or type (CANCELLED)")
    .option("--message <text>", "the state's message")
    .option("--force", "apply it even where the rules would refuse")
    .option("--json", "print the result as JSON")
    .action(
      async (id: string, stateText: string, options: { message?: string; force?: boolean } & JsonOption) => {
        const state = stateFromName(stateText, Date.now(), options.message ?? "set by an operator");
        const result = await (
          await getClient()
        ).setFlowRunState(id, state, { force: options.force === true });
        if (options.json === true) ctx.io.out(formatJson(result));
        else if (result.status === "ACCEPT") ctx.io.out(`flow run ${id} is ${result.state.name}\n`);
        else
          ctx.io.err(
            `refused (${result.status}): ${result.reason ?? ""}; the run stays ${result.state.name}\n`,
          );
        if (result.status !== "ACCEPT") ctx.exitCode = ExitCode.Failure;
      },
    );

  group
    .command("execute", { hidden: true })
    .description("run a claimed flow run in this process (what a worker's child runs)")
    .argument("[id]", "the flow run's id")
    .option("--entrypoint <spec>", "where the flow is: FILE.ts:EXPORT")
    .option("--warm", "load first, then wait for the run id over IPC")
    .action(async (id: string | undefined, options: { entrypoint?: string; warm?: boolean }) => {
      const { runChild } = await import("../worker/child-main.js");
      const code = await runChild({
        flowRunId: id,
        entrypoint: options.entrypoint,
        warm: options.warm === true,
      });
      ctx.exitCode = code === 0 ? ExitCode.Ok : code === 2 ? ExitCode.Usage : ExitCode.Failure;
    });
}
