/**
 * `ordo events stream`: follow events live.
 *
 * @module
 */
import type { Command } from "commander";
import type { CliContext } from "./cli-context.js";
import { collect } from "./collect.js";
import { follow } from "./follow.js";
import { formatTimestamp } from "./output/relative-time.js";

/** Registers `ordo events …`. */
export function registerEventCommands(program: Command, ctx: CliContext): void {
  const group = program.command("events").description("follow events");
  group
    .command("stream")
    .description(
      "print events as they happen, until Ctrl-C (from the server's live stream when ORDO_API_URL is set)",
    )
    .option(
      "--event <name>",
      "only this event name; a trailing * matches by prefix (ordo.flow-run.*); repeatable",
      collect,
      [],
    )
    .option(
      "--resource <id>",
      "only events of this resource id (ordo.flow-run.ID); a trailing * matches by prefix",
    )
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
