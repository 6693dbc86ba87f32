/**
 * The `ordo` command-line program: commander setup shared by every command.
 *
 * @module
 */
import { Command } from "commander";
import { packageVersion } from "../package-version.js";
import type { CliContext } from "./cli-context.js";
import { registerConfigCommands } from "./config.js";
import { registerFlowRunCommands } from "./flow-run.js";
import { registerProfileCommands } from "./profile.js";
import { registerRunCommand } from "./run.js";
import { registerServerCommands } from "./server.js";
import { registerArtifactCommands } from "./artifact.js";
import { registerEventCommands } from "./events.js";
import { registerVariableCommands } from "./variable.js";
import { registerConcurrencyLimitCommands } from "./concurrency-limit.js";
import { registerGlobalConcurrencyLimitCommands } from "./global-concurrency-limit.js";
import { registerTaskRunCommands } from "./task-run.js";
import { registerWorkPoolCommands } from "./work-pool.js";
import { registerWorkerCommands } from "./worker.js";
import { registerDeploymentCommands } from "./deployment.js";
import { registerDeployCommand } from "./deploy.js";
import { registerFlowRunControlCommands } from "./flow-run-control.js";
import { setClientDefaults } from "../client/get-client.js";
import { commandPath, waitsOutOutages } from "./outage-window.js";

/**
 * Builds the `ordo` program. Commander never exits the process itself: its errors are
 * thrown (`exitOverride`) and its output goes to `ctx.io`, so `runCli` decides the exit
 * code and prints errors as one line.
 *
 * @example
 * ```ts
 * await createProgram(ctx).parseAsync(["node", "ordo", "config", "view"]);
 * ```
 */
export function createProgram(ctx: CliContext): Command {
  const program = new Command("ordo");
  // Settings made before subcommands are added are inherited by them.
  program
    .description("Ordo: workflow orchestration for TypeScript")
    .version(packageVersion(), "-V, --version", "print Ordo's version")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.out(text),
      writeErr: (text) => ctx.io.err(text),
      outputError: () => undefined, // printed by runCli as one line, with a code
    })
    .showSuggestionAfterError(true)
    // One-shot commands fail within seconds when the server does not answer.
    .hook("preAction", (_program, action) => {
      const waits = waitsOutOutages(commandPath(action), action.opts());
      setClientDefaults({ outageSeconds: waits ? undefined : 0 });
    });
  registerRunCommand(program, ctx);
  registerFlowRunCommands(program, ctx);
  const flowRunGroup = program.commands.find((command) => command.name() === "flow-run");
  if (flowRunGroup !== undefined) registerFlowRunControlCommands(flowRunGroup, ctx);
  registerTaskRunCommands(program, ctx);
  registerConfigCommands(program, ctx);
  registerServerCommands(program, ctx);
  registerVariableCommands(program, ctx);
  registerConcurrencyLimitCommands(program, ctx);
  registerGlobalConcurrencyLimitCommands(program, ctx);
  registerArtifactCommands(program, ctx);
  registerEventCommands(program, ctx);
  registerProfileCommands(program, ctx);
  registerDeployCommand(program, ctx);
  registerDeploymentCommands(program, ctx);
  registerWorkPoolCommands(program, ctx);
  registerWorkerCommands(program, ctx);
  return program;
}
