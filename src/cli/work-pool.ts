/**
 * `ordo work-pool …` and `ordo work-queue …`: where deployments send runs and workers
 * find them.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import type { WorkPool, WorkQueue } from "../schemas/index.js";
import type { CliContext } from "./cli-context.js";
import { parseOptionalCount } from "./parse-count.js";
import { formatJson } from "./output/json.js";
import { formatRelativeTime } from "./output/relative-time.js";
import { formatFields, formatTable } from "./output/table.js";

interface JsonOption {
  readonly json?: boolean | undefined;
}

function poolTable(pools: readonly WorkPool[]): string {
  return formatTable(
    [
      { header: "NAME" },
      { header: "TYPE" },
      { header: "STATUS" },
      { header: "CONCURRENCY" },
      { header: "DESCRIPTION" },
    ],
    pools.map((p) => [p.name, p.type, p.status, p.concurrencyLimit?.toString() ?? "-", p.description ?? ""]),
  );
}

function queueTable(queues: readonly WorkQueue[], now: number): string {
  return formatTable(
    [
      { header: "NAME" },
      { header: "PRIORITY" },
      { header: "STATUS" },
      { header: "CONCURRENCY" },
      { header: "LAST POLLED" },
    ],
    queues.map((q) => [
      q.name,
      String(q.priority),
      q.status,
      q.concurrencyLimit?.toString() ?? "-",
      formatRelativeTime(q.lastPolledAt, now),
    ]),
  );
}

/** Registers `ordo work-pool …`. */
export function registerWorkPoolCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command("work-pool")
    .description("create, list, inspect, pause, resume and delete work pools");
  const pools = async () => (await getClient()).orchestration;

  group
    .command("create")
    .description("create a work pool (with its 'default' queue)")
    .argument("<name>")
    .option("--type <type>", "infrastructure: process (the only type of this version)", "process")
    .option("--concurrency <n>", "at most this many runs of the pool at once")
    .option("--description <text>")
    .option("--paused", "create it paused")
    .option("--json", "print the pool as JSON")
    .action(
      async (
        name: string,
        options: { type: string; concurrency?: string; description?: string; paused?: boolean } & JsonOption,
      ) => {
        const pool = await (
          await pools()
        ).createWorkPool({
          name,
          type: options.type as "process",
          concurrencyLimit: parseOptionalCount(options.concurrency, "--concurrency"),
          description: options.description,
          paused: options.paused === true,
        });
        ctx.io.out(
          options.json === true ? formatJson(pool) : `created work pool ${pool.name} (${pool.type})\n`,
        );
      },
    );

  group
    .command("ls")
    .description("list work pools with their status")
    .option("--json", "print a JSON array")
    .action(async (options: JsonOption) => {
      const list = await (await pools()).readWorkPools();
      ctx.io.out(options.json === true ? formatJson(list) : poolTable(list));
      if (list.length === 0 && options.json !== true) {
        ctx.io.err(
          "No work pools. Create one with: ordo work-pool create NAME (or start a worker: ordo worker start --pool NAME)\n",
        );
      }
    });

  group
    .command("inspect")
    .description("show a work pool, its queues and its workers")
    .argument("<name>")
    .option("--json", "print as JSON")
    .action(async (name: string, options: JsonOption) => {
      const client = await pools();
      const pool = await client.readWorkPool(name);
      const queues = await client.readWorkQueues(name);
      const workers = await client.readWorkers(name);
      if (options.json === true) {
        ctx.io.out(formatJson({ ...pool, queues, workers }));
        return;
      }
      const now = ctx.io.now();
      ctx.io.out(
        formatFields([
          ["Name", pool.name],
          ["Type", pool.type],
          ["Status", pool.status],
          ["Concurrency", pool.concurrencyLimit?.toString() ?? "unlimited"],
          ["Description", pool.description],
        ]),
      );
      ctx.io.out(`\nQueues\n${queueTable(queues, now)}`);
      ctx.io.out(
        `\nWorkers\n${formatTable(
          [{ header: "NAME" }, { header: "STATUS" }, { header: "LAST HEARTBEAT" }],
          workers.map((w) => [
            w.name,
            w.stoppedAt === undefined ? w.status : `${w.status} (stopped)`,
            formatRelativeTime(w.lastHeartbeatAt, now),
          ]),
        )}`,
      );
    });

  for (const [command, paused] of [
    ["pause", true],
    ["resume", false],
  ] as const) {
    group
      .command(command)
      .description(paused ? "pause a pool: its runs wait, workers start nothing" : "resume a paused pool")
      .argument("<name>")
      .action(async (name: string) => {
        const pool = await (await pools()).updateWorkPool(name, { paused });
        ctx.io.out(`work pool ${pool.name} is ${pool.status}\n`);
      });
  }

  group
    .command("delete")
    .description("delete a work pool with its queues")
    .argument("<name>")
    .action(async (name: string) => {
      await (await pools()).deleteWorkPool(name);
      ctx.io.out(`deleted work pool ${name}\n`);
    });

  registerWorkQueueCommands(program, ctx);
}

function registerWorkQueueCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command("work-queue")
    .description("create, list, pause, resume and delete a pool's queues");
  const client = async () => (await getClient()).orchestration;

  group
    .command("create")
    .description("create a queue in a pool")
    .argument("<name>")
    .requiredOption("--pool <pool>", "the work pool")
    .option("--priority <n>", "1 is served first (default: after the pool's other queues)")
    .option("--concurrency <n>", "at most this many runs of the queue at once")
    .option("--json", "print the queue as JSON")
    .action(
      async (
        name: string,
        options: { pool: string; priority?: string; concurrency?: string } & JsonOption,
      ) => {
        const queue = await (
          await client()
        ).createWorkQueue(options.pool, {
          name,
          priority: parseOptionalCount(options.priority, "--priority"),
          concurrencyLimit: parseOptionalCount(options.concurrency, "--concurrency"),
        });
        ctx.io.out(
          options.json === true
            ? formatJson(queue)
            : `created queue ${queue.name} in ${queue.workPoolName} (priority ${queue.priority})\n`,
        );
      },
    );

  group
    .command("ls")
    .description("list a pool's queues by priority")
    .requiredOption("--pool <pool>", "the work pool")
    .option("--json", "print a JSON array")
    .action(async (options: { pool: string } & JsonOption) => {
      const queues = await (await client()).readWorkQueues(options.pool);
      ctx.io.out(options.json === true ? formatJson(queues) : queueTable(queues, ctx.io.now()));
    });

  for (const [command, paused] of [
    ["pause", true],
    ["resume", false],
  ] as const) {
    group
      .command(command)
      .description(paused ? "pause a queue" : "resume a queue")
      .argument("<name>")
      .requiredOption("--pool <pool>", "the work pool")
      .action(async (name: string, options: { pool: string }) => {
        const queue = await (await client()).updateWorkQueue(options.pool, name, { paused });
        ctx.io.out(`queue ${queue.name} of ${queue.workPoolName} is ${queue.status}\n`);
      });
  }

  group
    .command("delete")
    .description("delete a queue")
    .argument("<name>")
    .requiredOption("--pool <pool>", "the work pool")
    .action(async (name: string, options: { pool: string }) => {
      await (await client()).deleteWorkQueue(options.pool, name);
      ctx.io.out(`deleted queue ${name} of ${options.pool}\n`);
    });
}
