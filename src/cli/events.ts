/**
 * `ordo events ls`: the newest events; `ordo events stream`: follow events live.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import type { CliContext } from "./cli-context.js";
import { collect } from "./collect.js";
import { follow } from "./follow.js";
import { formatJson } from "./output/json.js";
import { formatTimestamp } from "./output/relative-time.js";
import { formatTable } from "./output/table.js";
import { parseLimit } from "./parse-limit.js";

const EVENT_OPTION = "only this event name; a trailing * matches by prefix (ordo.flow-run.*); repeatable";
const RESOURCE_OPTION = "only events of this resource id (ordo.flow-run.ID); a trailing * matches by prefix";

/** Registers `ordo events …`. */
export function registerEventCommands(program: Command, ctx: CliContext): void {
  const group = program.command("events").description("list and follow events");
  group
    .command("ls")
    .description("list the newest events, newest first")
    .option("--event <name>", EVENT_OPTION, collect, [])
    .option("--resource <id>", RESOURCE_OPTION)
    .option("--limit <n>", "at most this many (1-10000, default 20)")
    .option("--json", "print a JSON array")
    .action(async (options: { event: string[]; resource?: string; limit?: string; json?: boolean }) => {
      const events = await (
        await getClient()
      ).readEvents({
        events: options.event.length === 0 ? undefined : options.event,
        resourceId: options.resource,
        sort: "NEWEST",
        limit: parseLimit(options.limit, 20, 10_000),
      });
      if (options.json === true) {
        ctx.io.out(formatJson(events));
        return;
      }
      ctx.io.out(
        formatTable(
          [
            { header: "OCCURRED" },
            { header: "EVENT" },
            { header: "RESOURCE" },
            { header: "NAME", maxWidth: 40 },
          ],
          events.map((e) => [
            formatTimestamp(e.occurred),
            e.event,
            e.resource["ordo.resource.id"] ?? "",
            e.resource["ordo.resource.name"] ?? "",
          ]),
        ),
      );
      if (events.length === 0) ctx.io.err("No events match.\n");
    });
  group
    .command("stream")
    .description(
      "print events as they happen, until Ctrl-C (from the server's live stream when ORDO_API_URL is set)",
    )
    .option("--event <name>", EVENT_OPTION, collect, [])
    .option("--resource <id>", RESOURCE_OPTION)
    .option("--json", "print one JSON object per line")
    .action(async (options: { event: string[]; resource?: string; json?: boolean }) => {
      await follow(
        {
          topics: ["events"],
          events: options.event.length === 0 ? undefined : options.event,
          resourceId: options.resource,
        },
        (message) => {
          if (message.kind !== "event") return undefined;
          const e = message.event;
          ctx.io.out(
            options.json === true
              ? `${JSON.stringify(e)}\n`
              : `${formatTimestamp(e.occurred)}  ${e.event}  ${e.resource["ordo.resource.id"] ?? ""}\n`,
          );
          return undefined;
        },
      );
    });
}
