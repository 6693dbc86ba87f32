/**
 * `ordo worker start --pool P`: runs the work pool's runs, each in its own process.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import { loadSettings } from "../settings/index.js";
import type { CliContext } from "./cli-context.js";
import { collect } from "./collect.js";
import { parseOptionalCount } from "./parse-count.js";
import { parseWorkPoolType } from "./work-pool-type.js";

interface WorkerStartOptions {
  readonly pool: string;
  readonly name?: string | undefined;
  readonly limit?: string | undefined;
  readonly prefetchSeconds?: string | undefined;
  readonly heartbeatSeconds?: string | undefined;
  readonly graceSeconds?: string | undefined;
  readonly workQueue: string[];
  readonly type?: string | undefined;
  readonly runOnce?: boolean | undefined;
}

/** Checks a worker or queue name given as `option` (`ORDO_INVALID_INPUT` naming it). */
async function checkName(name: string | undefined, option: string): Promise<void> {
  if (name === undefined) return;
  const { WorkPoolNameSchema } = await import("../schemas/index.js");
  const parsed = WorkPoolNameSchema.safeParse(name);
  if (!parsed.success) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `${option}: ${parsed.error.issues[0]?.message ?? "invalid"}, got "${name}"`,
      {
        option,
        value: name,
      },
    );
  }
}

/** Registers `ordo worker start`. */
export function registerWorkerCommands(program: Command, ctx: CliContext): void {
  const group = program.command("worker").description("start workers that run deployments' runs");
  group
    .command("start")
    .description("claim the pool's due runs and run each in its own process, until Ctrl-C or SIGTERM")
    .requiredOption("--pool <name>", "the work pool (created as a process pool when missing)")
    .option("--name <name>", "the worker's name (default: host-pid)")
    .option("--limit <n>", "at most this many runs at once (default 10)")
    .option(
      "--prefetch-seconds <s>",
      "claim runs due this many seconds ahead, so they start on time (default 10)",
    )
    .option("--heartbeat-seconds <s>", "how often the worker says it is alive (default 30)")
    .option("--grace-seconds <s>", "on stop, how long running runs may finish (default 30)")
    .option("--work-queue <name>", "only this queue of the pool; repeatable", collect, [])
    .option("--type <type>", "the worker's type: process, the only one in this version (as Prefect's --type)")
    .option(
      "--run-once",
      "claim the runs due now (and within --prefetch-seconds) once, run them to their end, and exit",
    )
    .addHelpText(
      "after",
      "\nThe worker talks to the server at ORDO_API_URL (start one with: ordo server start).",
    )
    .action(async (options: WorkerStartOptions) => {
      const settings = loadSettings();
      if (settings.ORDO_API_URL === undefined) {
        throw new OrdoError(
          "ORDO_NO_SERVER",
          "a worker needs a server: start one with `ordo server start` and set ORDO_API_URL (ordo config set ORDO_API_URL=http://127.0.0.1:4200/api)",
          {},
        );
      }
      if (options.type !== undefined) await parseWorkPoolType(options.type);
      await checkName(options.name, "--name");
      for (const queue of options.workQueue) await checkName(queue, "--work-queue");
      const limit = parseOptionalCount(options.limit, "--limit", 1);
      const heartbeatSeconds = parseOptionalCount(options.heartbeatSeconds, "--heartbeat-seconds", 1);
      const client = await getClient();
      // Loaded here, not by every command.
      const [{ Worker }, { CodeSources }] = await Promise.all([
        import("../worker/worker.js"),
        import("../worker/sources/code-sources.js"),
      ]);
      const worker = new Worker({
        client,
        apiUrl: settings.ORDO_API_URL,
        pool: options.pool,
        name: options.name,
        limit,
        prefetchSeconds: parseOptionalCount(options.prefetchSeconds, "--prefetch-seconds"),
        heartbeatSeconds,
        graceSeconds: parseOptionalCount(options.graceSeconds, "--grace-seconds"),
        workQueues: options.workQueue.length === 0 ? undefined : options.workQueue,
        sources: new CodeSources({ home: settings.ORDO_HOME, bundles: client.bundles }),
        write: (line) => ctx.io.out(`${line}\n`),
      });
      if (options.runOnce === true) {
        const stopOnSignal = (signal: string) => {
          ctx.io.out(`[worker] ${signal}: stopping\n`);
          void worker.stop();
        };
        process.once("SIGINT", () => stopOnSignal("SIGINT"));
        process.once("SIGTERM", () => stopOnSignal("SIGTERM"));
        await worker.runOnce();
        return;
      }
      await worker.start();
      await new Promise<void>((done) => {
        const stop = (signal: string) => {
          ctx.io.out(`[worker] ${signal}: stopping\n`);
          process.off("SIGINT", onInt);
          process.off("SIGTERM", onTerm);
          void worker.stop().then(done);
        };
        const onInt = () => stop("SIGINT");
        const onTerm = () => stop("SIGTERM");
        process.on("SIGINT", onInt);
        process.on("SIGTERM", onTerm);
      });
    });
}
