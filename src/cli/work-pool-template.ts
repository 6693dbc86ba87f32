/**
 * A work pool's base job template from the CLI: `ordo work-pool
 * get-default-base-job-template`, `ordo work-pool update NAME --base-job-template FILE`,
 * and the file `ordo work-pool create --base-job-template FILE` reads.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { BaseJobTemplate } from "../schemas/index.js";
import type { CliContext } from "./cli-context.js";
import { formatJson } from "./output/json.js";
import { parseWorkPoolType } from "./work-pool-type.js";

const OPTION = "--base-job-template";

function invalid(message: string, file: string): OrdoError {
  return new OrdoError("ORDO_INVALID_INPUT", `${OPTION} ${file}: ${message}`, { option: OPTION, file });
}

/**
 * The base job template in the JSON file `file`: an object with `variables`, the JSON
 * Schema of the pool's job variables (their `default`s apply to every run of the pool).
 * A Prefect template's `job_configuration` is not used: `note` is told so. Throws
 * `ORDO_INVALID_INPUT` (exit 2) naming the file for one that cannot be read or is not
 * such an object; the server checks the schema itself.
 *
 * @example
 * ```ts
 * const template = readBaseJobTemplate("template.json", (line) => io.err(`${line}\n`));
 * ```
 */
export function readBaseJobTemplate(file: string, note: (line: string) => void): BaseJobTemplate {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw invalid(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, file);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(`is not JSON: ${error instanceof Error ? error.message : String(error)}`, file);
  }
  const variables = (parsed as { variables?: unknown } | null)?.variables;
  if (typeof variables !== "object" || variables === null || Array.isArray(variables)) {
    throw invalid('needs "variables": the JSON Schema of the pool\'s job variables', file);
  }
  if (typeof parsed === "object" && parsed !== null && "job_configuration" in parsed) {
    note(
      `note: ${file}: job_configuration is not used; a run's job is its job variables (command, env, workingDir)`,
    );
  }
  return { variables: variables as Record<string, unknown> };
}

/** Adds `get-default-base-job-template` and `update` to the `ordo work-pool` group. */
export function registerWorkPoolTemplateCommands(group: Command, ctx: CliContext): void {
  group
    .command("get-default-base-job-template")
    .description("print the base job template a pool of a type gets by default, as JSON")
    .option("--type <type>", "the pool type: process (the only type of this version)", "process")
    .action(async (options: { type: string }) => {
      await parseWorkPoolType(options.type); // process: the one type, and its one template
      const { PROCESS_JOB_TEMPLATE } = await import("../schemas/process-job-template.js");
      ctx.io.out(formatJson(PROCESS_JOB_TEMPLATE));
    });

  group
    .command("update")
    .description("change a work pool's base job template or description")
    .argument("<name>")
    .option(`${OPTION} <file>`, 'a JSON file with the pool\'s job variables schema ({ "variables": {…} })')
    .option("--description <text>")
    .option("--json", "print the pool as JSON")
    .action(
      async (name: string, options: { baseJobTemplate?: string; description?: string; json?: boolean }) => {
        if (options.baseJobTemplate === undefined && options.description === undefined) {
          throw new OrdoError("ORDO_INVALID_INPUT", `give ${OPTION} FILE or --description TEXT`, {
            option: OPTION,
          });
        }
        const baseJobTemplate =
          options.baseJobTemplate === undefined
            ? undefined
            : readBaseJobTemplate(options.baseJobTemplate, (line) => ctx.io.err(`${line}\n`));
        const pool = await (
          await getClient()
        ).orchestration.updateWorkPool(name, {
          baseJobTemplate,
          description: options.description,
        });
        ctx.io.out(options.json === true ? formatJson(pool) : `updated work pool ${pool.name}\n`);
      },
    );
}
