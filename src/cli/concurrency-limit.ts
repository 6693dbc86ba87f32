/**
 * `ordo concurrency-limit create|ls|inspect|delete`: tag concurrency limits for task runs.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import type { TagConcurrencyLimit } from "../schemas/index.js";
import type { CliContext } from "./cli-context.js";
import { formatJson } from "./output/json.js";
import { formatRelativeTime } from "./output/relative-time.js";
import { formatFields, formatTable } from "./output/table.js";
import { parseLimit } from "./parse-limit.js";
import { parseCount } from "./parse-count.js";

interface JsonOption {
  readonly json?: boolean | undefined;
}

function fields(limit: TagConcurrencyLimit): string {
  return formatFields([
    ["tag", limit.tag],
    ["limit", String(limit.concurrencyLimit)],
    ["active slots", `${limit.activeSlots.length}`],
    ["holders", limit.activeSlots.length === 0 ? undefined : limit.activeSlots.join(", ")],
    ["id", limit.id],
    ["created", new Date(limit.createdAt).toISOString()],
    ["updated", new Date(limit.updatedAt).toISOString()],
  ]);
}

/** Registers `ordo concurrency-limit …`. */
export function registerConcurrencyLimitCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command("concurrency-limit")
    .description("tag concurrency limits: at most N task runs with a tag run at once");

  group
    .command("create")
    .description("create a tag's limit, or replace the limit of a tag that has one")
    .argument("<tag>", "the task tag")
    .argument("<limit>", "how many task runs with the tag may run at once (0 blocks them)")
    .option("--json", "print the limit as JSON")
    .action(async (tag: string, limit: string, options: JsonOption) => {
      const created = await (
        await getClient()
      ).createConcurrencyLimit({
        tag,
        concurrencyLimit: parseCount(limit, "the limit"),
      });
      ctx.io.out(
        options.json === true
          ? formatJson(created)
          : `concurrency limit for tag '${created.tag}' set to ${created.concurrencyLimit}\n`,
      );
    });

  group
    .command("ls")
    .description("list tag limits by tag")
    .option("--limit <n>", "at most this many (1-1000, default 200)")
    .option("--json", "print a JSON array")
    .action(async (options: { limit?: string } & JsonOption) => {
      const limits = await (
        await getClient()
      ).readConcurrencyLimits({
        limit: parseLimit(options.limit, 200, 1000),
      });
      if (options.json === true) {
        ctx.io.out(formatJson(limits));
        return;
      }
      const now = ctx.io.now();
      ctx.io.out(
        formatTable(
          [
            { header: "TAG" },
            { header: "LIMIT", align: "right" },
            { header: "ACTIVE", align: "right" },
            { header: "UPDATED" },
          ],
          limits.map((l) => [
            l.tag,
            String(l.concurrencyLimit),
            String(l.activeSlots.length),
            formatRelativeTime(l.updatedAt, now),
          ]),
        ),
      );
      if (limits.length === 0) {
        ctx.io.err("No concurrency limits. Create one with: ordo concurrency-limit create TAG N\n");
      }
    });

  group
    .command("inspect")
    .description("show a tag's limit and the task runs holding its slots")
    .argument("<tag>")
    .option("--json", "print the limit as JSON")
    .action(async (tag: string, options: JsonOption) => {
      const limit = await (await getClient()).readConcurrencyLimit(tag);
      ctx.io.out(options.json === true ? formatJson(limit) : fields(limit));
    });

  group
    .command("delete")
    .description("delete a tag's limit (its waiting task runs go on)")
    .argument("<tag>")
    .action(async (tag: string) => {
      await (await getClient()).deleteConcurrencyLimit(tag);
      ctx.io.out(`deleted the concurrency limit for tag '${tag}'\n`);
    });
}
