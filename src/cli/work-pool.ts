/**
 * `ordo work-pool …` and `ordo work-queue …`: where deployments send runs and workers
 * find them.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { WorkPool, WorkQueue } from "../schemas/index.js";
import type { CliContext } from "./cli-context.js";
import { parseCount, parseOptionalCount } from "./parse-count.js";
import { formatJson } from "./output/json.js";
import { formatRelativeTime } from "./output/relative-time.js";
import { formatFields, formatTable } from "./output/table.js";
import { readBaseJobTemplate, registerWorkPoolTemplateCommands } from "./work-pool-template.js";
import { parseWorkPoolType } from "./work-pool-type.js";

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

/** The pool's job variables, with their defaults: `command, env (default {"A":"1"}), workingDir`. */
function jobVariablesLine(pool: WorkPool): string {
  const properties = (
    pool.baseJobTemplate.variables as { properties?: Record<string, { default?: unknown }> }
  ).properties;
  if (properties === undefined) return "-";
  return Object.entries(properties)
    .map(([key, schema]) => {
      const fallback = schema.default;
      const empty = typeof fallback === "object" && fallback !== null && Object.keys(fallback).length === 0;
      return fallback === undefined || empty ? key : `${key} (default ${JSON.stringify(fallback)})`;
    })
    .join(", ");
}

/** Registers `ordo work-pool …`. */
export function registerWorkPoolCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command("work-pool")
    .description("create, list, inspect, update, limit, pause, resume and delete work pools");
  const pools = async () => (await getClient()).orchestration;

  group
    .command("create")
    .description("create a work pool (with its 'default' queue)")
    .argument("<name>")
    .option("--type <type>", "infrastructure: process (the only type of this version)", "process")
    .option("--concurrency <n>", "at most this many runs of the pool at once")
    .option("--description <text>")
    .option("--paused", "create it paused")
    .option(
      "--base-job-template <file>",
      'a JSON file with the schema of its job variables ({ "variables": {…} }; see get-default-base-job-template)',
    )
    .option("--json", "print the pool as JSON")
    .action(
      async (
        name: string,
        options: {
          type: string;
          concurrency?: string;
          description?: string;
          paused?: boolean;
          baseJobTemplate?: string;
        } & JsonOption,
      ) => {
        const baseJobTemplate =
          options.baseJobTemplate === undefined
            ? undefined
            : readBaseJobTemplate(options.baseJobTemplate, (line) => ctx.io.err(`${line}\n`));
        const pool = await (
          await pools()
        ).createWorkPool({
          name,
          type: await parseWorkPoolType(options.type),
          concurrencyLimit: parseOptionalCount(options.concurrency, "--concurrency"),
          description: options.description,
          paused: options.paused === true,
          baseJobTemplate,
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
          ["Job variables", jobVariablesLine(pool)],
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
    .command("set-concurrency-limit")
    .description("let at most N runs of the pool run at once")
    .argument("<name>")
    .argument("<limit>")
    .action(async (name: string, limit: string) => {
      const concurrencyLimit = parseCount(limit, "the limit");
      const pool = await (await pools()).updateWorkPool(name, { concurrencyLimit });
      ctx.io.out(`work pool ${pool.name}: at most ${concurrencyLimit} runs at once\n`);
    });

  group
    .command("clear-concurrency-limit")
    .description("remove the pool's concurrency limit")
    .argument("<name>")
    .action(async (name: string) => {
      const pool = await (await pools()).updateWorkPool(name, { concurrencyLimit: null });
      ctx.io.out(`work pool ${pool.name}: no concurrency limit\n`);
    });

  group
    .command("delete")
    .description("delete a work pool with its queues")
    .argument("<name>")
    .action(async (name: string) => {
      await (await pools()).deleteWorkPool(name);
      ctx.io.out(`deleted work pool ${name}\n`);
    });

  registerWorkPoolTemplateCommands(group, ctx);
  registerWorkQueueCommands(program, ctx);
}

/** A queue's limit from `--concurrency` or its alias `--limit`; both at once is an error. */
function queueLimitOption(options: { concurrency?: string; limit?: string }): number | undefined {
  if (options.concurrency !== undefined && options.limit !== undefined) {
    throw new OrdoError("ORDO_INVALID_INPUT", "give --concurrency or --limit, not both", {
      option: "--limit",
    });
  }
  return options.limit === undefined
    ? parseOptionalCount(options.concurrency, "--concurrency")
    : parseOptionalCount(options.limit, "--limit");
}

function registerWorkQueueCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command("work-queue")
    .description("create, list, inspect, change, pause, resume and delete a pool's queues");
  const client = async () => (await getClient()).orchestration;

  group
    .command("create")
    .description("create a queue in a pool")
    .argument("<name>")
    .requiredOption("-p, --pool <pool>", "the work pool")
    .option("--priority <n>", "1 is served first (default: after the pool's other queues)")
    .option("--concurrency <n>", "at most this many runs of the queue at once")
    .option("-l, --limit <n>", "the same as --concurrency (Prefect's name)")
    .option("--json", "print the queue as JSON")
    .action(
      async (
        name: string,
        options: { pool: string; priority?: string; concurrency?: string; limit?: string } & JsonOption,
      ) => {
        const queue = await (
          await client()
        ).createWorkQueue(options.pool, {
          name,
          priority: parseOptionalCount(options.priority, "--priority", 1),
          concurrencyLimit: queueLimitOption(options),
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
    .requiredOption("-p, --pool <pool>", "the work pool")
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
      .requiredOption("-p, --pool <pool>", "the work pool")
      .action(async (name: string, options: { pool: string }) => {
        const queue = await (await client()).updateWorkQueue(options.pool, name, { paused });
        ctx.io.out(`queue ${queue.name} of ${queue.workPoolName} is ${queue.status}\n`);
      });
  }

  group
    .command("inspect")
    .description("show a queue: its priority, status, concurrency and last poll")
    .argument("<name>")
    .requiredOption("-p, --pool <pool>", "the work pool")
    .option("--json", "print the queue as JSON")
    .action(async (name: string, options: { pool: string } & JsonOption) => {
      const queue = await (await client()).readWorkQueue(options.pool, name);
      if (options.json === true) {
        ctx.io.out(formatJson(queue));
        return;
      }
      ctx.io.out(
        formatFields([
          ["Name", queue.name],
          ["Pool", queue.workPoolName],
          ["Priority", String(queue.priority)],
          ["Status", queue.status],
          ["Concurrency", queue.concurrencyLimit?.toString() ?? "unlimited"],
          ["Last polled", formatRelativeTime(queue.lastPolledAt, ctx.io.now())],
          ["Description", queue.description],
        ]),
      );
    });

  group
    .command("set-priority")
    .description("change a queue's priority (1 is served first)")
    .argument("<name>")
    .argument("<priority>")
    .requiredOption("-p, --pool <pool>", "the work pool")
    .action(async (name: string, raw: string, options: { pool: string }) => {
      const priority = parseCount(raw, "the priority", 1);
      const queue = await (await client()).updateWorkQueue(options.pool, name, { priority });
      ctx.io.out(`queue ${queue.name} of ${queue.workPoolName}: priority ${queue.priority}\n`);
    });

  group
    .command("set-concurrency-limit")
    .description("let at most N runs of the queue run at once")
    .argument("<name>")
    .argument("<limit>")
    .requiredOption("-p, --pool <pool>", "the work pool")
    .action(async (name: string, limit: string, options: { pool: string }) => {
      const concurrencyLimit = parseCount(limit, "the limit");
      const queue = await (await client()).updateWorkQueue(options.pool, name, { concurrencyLimit });
      ctx.io.out(`queue ${queue.name} of ${queue.workPoolName}: at most ${concurrencyLimit} runs at once\n`);
    });

  group
    .command("clear-concurrency-limit")
    .description("remove the queue's concurrency limit")
    .argument("<name>")
    .requiredOption("-p, --pool <pool>", "the work pool")
    .action(async (name: string, options: { pool: string }) => {
      const queue = await (await client()).updateWorkQueue(options.pool, name, { concurrencyLimit: null });
      ctx.io.out(`queue ${queue.name} of ${queue.workPoolName}: no concurrency limit\n`);
    });

  group
    .command("delete")
    .description("delete a queue")
    .argument("<name>")
    .requiredOption("-p, --pool <pool>", "the work pool")
    .action(async (name: string, options: { pool: string }) => {
      await (await client()).deleteWorkQueue(options.pool, name);
      ctx.io.out(`deleted queue ${name} of ${options.pool}\n`);
    });
}
