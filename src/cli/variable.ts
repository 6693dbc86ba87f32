/**
 * `ordo variable set|get|ls|unset`: named JSON values.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import type { CliContext } from "./cli-context.js";
import { formatJson } from "./output/json.js";
import { formatRelativeTime } from "./output/relative-time.js";
import { formatTable } from "./output/table.js";
import { parseLimit } from "./parse-limit.js";
import { collect } from "./collect.js";

interface JsonOption {
  readonly json?: boolean | undefined;
}

/** A value given on the command line: JSON when it parses, else the text itself. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Registers `ordo variable …`. */
export function registerVariableCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command("variable")
    .description("set, read, list and delete variables (named JSON values)");

  group
    .command("set")
    .description("create a variable or replace its value")
    .argument("<name>", "lowercase letters, digits, '_' or '-'")
    .argument("<value>", 'the value: parsed as JSON when it parses (3, true, [1,2], {"a":1}), else a string')
    .option("--tag <tag>", "a tag; repeatable", collect, [])
    .option("--json", "print the variable as JSON")
    .action(async (name: string, value: string, options: { tag: string[] } & JsonOption) => {
      const client = await getClient();
      const variable = await client.setVariable({
        name,
        value: parseValue(value),
        tags: options.tag.length === 0 ? undefined : options.tag,
      });
      ctx.io.out(
        options.json === true
          ? formatJson(variable)
          : `set ${variable.name} = ${JSON.stringify(variable.value)}\n`,
      );
    });

  group
    .command("get")
    .description("print a variable's value as JSON")
    .argument("<name>")
    .option("--json", "print the whole variable as JSON")
    .action(async (name: string, options: JsonOption) => {
      const variable = await (await getClient()).readVariable(name);
      ctx.io.out(options.json === true ? formatJson(variable) : `${JSON.stringify(variable.value)}\n`);
    });

  group
    .command("ls")
    .description("list variables by name")
    .option("--prefix <text>", "only names starting with this")
    .option("--limit <n>", "at most this many (1-1000, default 100)")
    .option("--json", "print a JSON array")
    .action(async (options: { prefix?: string; limit?: string } & JsonOption) => {
      const variables = await (
        await getClient()
      ).readVariables({
        namePrefix: options.prefix,
        limit: parseLimit(options.limit, 100, 1000),
      });
      if (options.json === true) {
        ctx.io.out(formatJson(variables));
        return;
      }
      const now = ctx.io.now();
      ctx.io.out(
        formatTable(
          [{ header: "NAME" }, { header: "VALUE" }, { header: "TAGS" }, { header: "UPDATED" }],
          variables.map((v) => [
            v.name,
            truncate(JSON.stringify(v.value), 60),
            v.tags.join(","),
            formatRelativeTime(v.updatedAt, now),
          ]),
        ),
      );
      if (variables.length === 0) ctx.io.err("No variables. Set one with: ordo variable set NAME VALUE\n");
    });

  group
    .command("unset")
    .description("delete a variable")
    .argument("<name>")
    .action(async (name: string) => {
      await (await getClient()).deleteVariable(name);
      ctx.io.out(`unset ${name}\n`);
    });
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
