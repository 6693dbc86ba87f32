/**
 * `ordo artifact ls|inspect`: what runs published.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import { OrdoError } from "../errors/index.js";
import type { CliContext } from "./cli-context.js";
import { formatJson } from "./output/json.js";
import { formatRelativeTime } from "./output/relative-time.js";
import { formatFields, formatTable } from "./output/table.js";
import { parseLimit } from "./parse-limit.js";

interface JsonOption {
  readonly json?: boolean | undefined;
}

/** Registers `ordo artifact …`. */
export function registerArtifactCommands(program: Command, ctx: CliContext): void {
  const group = program.command("artifact").description("list and inspect artifacts");

  group
    .command("ls")
    .description("list the latest version of each artifact key, newest first")
    .option("--all", "every version, not only the latest of each key")
    .option("--flow-run <id>", "only artifacts of this flow run")
    .option("--limit <n>", "at most this many (1-1000, default 50)")
    .option("--json", "print a JSON array")
    .action(async (options: { all?: boolean; flowRun?: string; limit?: string } & JsonOption) => {
      const artifacts = await (
        await getClient()
      ).readArtifacts({
        latestOnly: options.all !== true,
        flowRunId: options.flowRun,
        limit: parseLimit(options.limit, 50, 1000),
      });
      if (options.json === true) {
        ctx.io.out(formatJson(artifacts));
        return;
      }
      const now = ctx.io.now();
      ctx.io.out(
        formatTable(
          [
            { header: "KEY" },
            { header: "TYPE" },
            { header: "DESCRIPTION" },
            { header: "FLOW RUN" },
            { header: "CREATED" },
          ],
          artifacts.map((a) => [
            a.key ?? a.id,
            a.type,
            a.description ?? "",
            a.flowRunId ?? "",
            formatRelativeTime(a.createdAt, now),
          ]),
        ),
      );
      if (artifacts.length === 0)
        ctx.io.err("No artifacts. Publish one from a flow with createMarkdownArtifact().\n");
    });

  group
    .command("inspect")
    .description("show every version of an artifact key, newest first (or one artifact by id)")
    .argument("<key>", "the artifact key, or an artifact id")
    .option("--limit <n>", "at most this many versions (1-1000, default 10)")
    .option("--json", "print a JSON array")
    .action(async (key: string, options: { limit?: string } & JsonOption) => {
      const client = await getClient();
      let versions = await client.readArtifacts({ key, limit: parseLimit(options.limit, 10, 1000) });
      if (versions.length === 0) {
        try {
          versions = [await client.readArtifact(key)];
        } catch {
          throw new OrdoError("ORDO_NOT_FOUND", `no artifact with key or id ${key}`, { key });
        }
      }
      if (options.json === true) {
        ctx.io.out(formatJson(versions));
        return;
      }
      for (const a of versions) {
        ctx.io.out(
          formatFields([
            ["id", a.id],
            ["key", a.key],
            ["type", a.type],
            ["description", a.description],
            ["flow run", a.flowRunId],
            ["task run", a.taskRunId],
            ["created", new Date(a.createdAt).toISOString()],
            ["data", typeof a.data === "string" ? a.data : JSON.stringify(a.data, null, 2)],
          ]) + "\n",
        );
      }
    });
}
