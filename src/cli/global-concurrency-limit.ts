/**
 * `ordo global-concurrency-limit create|ls|inspect|update|delete`: named limits for
 * `concurrency()`, and rate limits for `rateLimit()` when their slots decay.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { GlobalConcurrencyLimit } from "../schemas/index.js";
import type { CliContext } from "./cli-context.js";
import { formatJson } from "./output/json.js";
import { formatRelativeTime } from "./output/relative-time.js";
import { formatFields, formatTable } from "./output/table.js";
import { parseLimit } from "./parse-limit.js";
import { parseCount, parseRate } from "./parse-count.js";

interface JsonOption {
  readonly json?: boolean | undefined;
}

function fields(limit: GlobalConcurrencyLimit): string {
  return formatFields([
    ["name", limit.name],
    ["limit", String(limit.limit)],
    ["active", limit.active ? "yes" : "no"],
    ["active slots", String(limit.activeSlots)],
    ["slot decay per second", String(limit.slotDecayPerSecond)],
    ["id", limit.id],
    ["created", new Date(limit.createdAt).toISOString()],
    ["updated", new Date(limit.updatedAt).toISOString()],
  ]);
}

/** Registers `ordo global-concurrency-limit …`. */
export function registerGlobalConcurrencyLimitCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command("global-concurrency-limit")
    .description("global concurrency limits for concurrency(), and rate limits for rateLimit()");

  group
    .command("create")
    .description("create a global limit")
    .argument("<name>", "letters, digits, '_', '-' or '.'")
    .requiredOption("--limit <n>", "how many slots (0 blocks every acquire)")
    .option("--slot-decay-per-second <rate>", "slots free themselves at this rate: a rate limit", "0")
    .option("--disable", "create it inactive (it limits nothing until enabled)")
    .option("--json", "print the limit as JSON")
    .action(
      async (
        name: string,
        options: { limit: string; slotDecayPerSecond: string; disable?: boolean } & JsonOption,
      ) => {
        const created = await (
          await getClient()
        ).createGlobalConcurrencyLimit({
          name,
          limit: parseCount(options.limit, "--limit"),
          slotDecayPerSecond: parseRate(options.slotDecayPerSecond, "--slot-decay-per-second"),
          active: options.disable !== true,
        });
        ctx.io.out(
          options.json === true
            ? formatJson(created)
            : `created global concurrency limit '${created.name}' (limit ${created.limit})\n`,
        );
      },
    );

  group
    .command("ls")
    .description("list global limits by name")
    .option("--limit <n>", "at most this many (1-1000, default 200)")
    .option("--json", "print a JSON array")
    .action(async (options: { limit?: string } & JsonOption) => {
      const limits = await (
        await getClient()
      ).readGlobalConcurrencyLimits({ limit: parseLimit(options.limit, 200, 1000) });
      if (options.json === true) {
        ctx.io.out(formatJson(limits));
        return;
      }
      const now = ctx.io.now();
      ctx.io.out(
        formatTable(
          [
            { header: "NAME" },
            { header: "LIMIT", align: "right" },
            { header: "ACTIVE SLOTS", align: "right" },
            { header: "DECAY/S", align: "right" },
            { header: "ACTIVE" },
            { header: "UPDATED" },
          ],
          limits.map((l) => [
            l.name,
            String(l.limit),
            String(l.activeSlots),
            String(l.slotDecayPerSecond),
            l.active ? "yes" : "no",
            formatRelativeTime(l.updatedAt, now),
          ]),
        ),
      );
      if (limits.length === 0) {
        ctx.io.err(
          "No global concurrency limits. Create one with: ordo global-concurrency-limit create NAME --limit N\n",
        );
      }
    });

  group
    .command("inspect")
    .description("show a global limit")
    .argument("<name>")
    .option("--json", "print the limit as JSON")
    .action(async (name: string, options: JsonOption) => {
      const limit = await (await getClient()).readGlobalConcurrencyLimit(name);
      ctx.io.out(options.json === true ? formatJson(limit) : fields(limit));
    });

  group
    .command("update")
    .description("change a global limit")
    .argument("<name>")
    .option("--limit <n>", "the new number of slots")
    .option("--slot-decay-per-second <rate>", "the new decay rate")
    .option("--enable", "make it active")
    .option("--disable", "make it inactive (it limits nothing)")
    .option("--json", "print the limit as JSON")
    .action(
      async (
        name: string,
        options: {
          limit?: string;
          slotDecayPerSecond?: string;
          enable?: boolean;
          disable?: boolean;
        } & JsonOption,
      ) => {
        if (options.enable === true && options.disable === true) {
          throw new OrdoError("ORDO_INVALID_INPUT", "give --enable or --disable, not both");
        }
        const updated = await (
          await getClient()
        ).updateGlobalConcurrencyLimit(name, {
          limit: options.limit === undefined ? undefined : parseCount(options.limit, "--limit"),
          slotDecayPerSecond:
            options.slotDecayPerSecond === undefined
              ? undefined
              : parseRate(options.slotDecayPerSecond, "--slot-decay-per-second"),
          active: options.enable === true ? true : options.disable === true ? false : undefined,
        });
        ctx.io.out(options.json === true ? formatJson(updated) : fields(updated));
      },
    );

  group
    .command("delete")
    .description("delete a global limit")
    .argument("<name>")
    .action(async (name: string) => {
      await (await getClient()).deleteGlobalConcurrencyLimit(name);
      ctx.io.out(`deleted global concurrency limit '${name}'\n`);
    });
}
