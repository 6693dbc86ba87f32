/**
 * `ordo deploy FILE.ts:FLOW --name N --pool P [--cron … | --interval S | --rrule …]`, and
 * `ordo deploy --all` for the deployments of `ordo.yaml`.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { Deployment } from "../schemas/index.js";
import type { DeploymentOptions } from "../sdk/deployments.js";
import type { DeploySource } from "../sdk/deploy-source.js";
import { loadSettings } from "../settings/load-settings.js";
import type { CliContext } from "./cli-context.js";
import { collect } from "./collect.js";
import { deploymentOptionsFromFlags, type DeployCliOptions } from "./deploy-flags.js";
import type { DeploymentEntry } from "./deployment-file.js";
import { loadFlowEntrypoint } from "./load-flow-file.js";
import { formatJson } from "./output/json.js";
import { jobVariablesOf } from "./job-variables.js";

const EXAMPLES = `
Examples:
  $ ordo deploy flows/etl.ts:etl --name nightly --pool local --cron "0 3 * * *" --timezone Europe/Berlin
  $ ordo deploy flows/etl.ts:etl --name hourly --pool local --interval 3600 --param table=users
  $ ordo deploy flows/etl.ts:etl --name nightly --pool remote --source bundle
  $ ordo deploy flows/etl.ts:etl --name nightly --pool remote --source git --git-ref main
  $ ordo deploy --all                 # every deployment of ./ordo.yaml
  $ ordo deploy --all --name nightly  # one deployment of ./ordo.yaml

Sources: local (default) has workers run the entrypoint from this folder, on this
machine; bundle uploads the project (the entrypoint's nearest folder with a
package.json, without node_modules and what .gitignore or .ordoignore leave out) to the
server; git has workers clone the repository (--git-url, default: the origin remote).
Workers need the project's packages (npm ci) in their own environment.`;

/** A deployment made, and what its source took (an upload, say). */
interface Deployed {
  readonly deployment: Deployment;
  readonly summary: string | undefined;
}

async function deployOne(
  entrypoint: string,
  options: DeploymentOptions,
  where: {
    pool?: string | undefined;
    queue?: string | undefined;
    jobVariables?: Record<string, unknown> | undefined;
    source?: DeploySource | undefined;
  },
): Promise<Deployed> {
  const path = process.cwd();
  const { definition } = await loadFlowEntrypoint(entrypoint, path);
  if (definition === undefined)
    throw new OrdoError("ORDO_INVALID_ENTRYPOINT", `${entrypoint} is not a flow`, { entrypoint });
  const client = await getClient();
  // Loaded on demand: only deployments with a bundle source need tar; the SDK by this command only.
  const [{ prepareDeploySource }, { deploymentCreateOf }] = await Promise.all([
    import("../sdk/deploy-source.js"),
    import("../sdk/deployments.js"),
  ]);
  const prepared = await prepareDeploySource(
    where.source,
    entrypoint,
    path,
    client,
    loadSettings().ORDO_HOME,
  );
  const deployment = await client.orchestration.createDeployment(
    deploymentCreateOf(definition, options, {
      entrypoint: prepared.entrypoint,
      path: prepared.path,
      source: prepared.source,
      workPool: where.pool,
      workQueue: where.queue,
      jobVariables: where.jobVariables,
    }),
  );
  return { deployment, summary: prepared.summary };
}

/** The source `--source`, `--git-url` and `--git-ref` ask for (default: local). */
export function sourceFromOptions(options: {
  readonly source?: string | undefined;
  readonly gitUrl?: string | undefined;
  readonly gitRef?: string | undefined;
}): DeploySource | undefined {
  const git = options.gitUrl !== undefined || options.gitRef !== undefined;
  const kind = options.source ?? (git ? "git" : undefined);
  if (kind !== undefined && kind !== "local" && kind !== "bundle" && kind !== "git") {
    throw new OrdoError("ORDO_INVALID_INPUT", `--source must be local, bundle or git, got "${kind}"`, {});
  }
  if (git && kind !== "git") {
    throw new OrdoError("ORDO_INVALID_INPUT", `--git-url and --git-ref go with --source git`, {});
  }
  if (kind === "git") return { kind, url: options.gitUrl, ref: options.gitRef };
  return kind === undefined ? undefined : { kind };
}

function fromEntry(entry: DeploymentEntry): {
  options: DeploymentOptions;
  where: Parameters<typeof deployOne>[2];
} {
  const pool = typeof entry.work_pool === "string" ? { name: entry.work_pool } : entry.work_pool;
  const limit =
    typeof entry.concurrency_limit === "number"
      ? { limit: entry.concurrency_limit }
      : entry.concurrency_limit;
  return {
    options: {
      name: entry.name,
      description: entry.description,
      version: entry.version,
      tags: entry.tags,
      parameters: entry.parameters,
      schedules: entry.schedules,
      paused: entry.paused,
      concurrencyLimit: limit?.limit,
      collisionStrategy: limit?.collision_strategy,
      stalePolicy: entry.stale_policy,
      staleAfterSeconds: entry.stale_after_seconds,
    },
    where: {
      pool: pool?.name,
      queue: pool?.work_queue_name,
      jobVariables: pool?.job_variables,
      source: typeof entry.source === "string" ? { kind: entry.source } : entry.source,
    },
  };
}

function describe({ deployment: d, summary }: Deployed): string {
  const schedules = d.schedules.map((s) => s.description).join("; ");
  return `${summary === undefined ? "" : `${summary}\n`}deployed ${d.flowName}/${d.name}${d.workPoolName === undefined ? "" : ` to pool ${d.workPoolName}`}${schedules === "" ? "" : ` (${schedules})`}\n  run it: ordo deployment run '${d.flowName}/${d.name}'\n`;
}

/** Registers `ordo deploy`. */
export function registerDeployCommand(program: Command, ctx: CliContext): void {
  program
    .command("deploy")
    .description("create or update a deployment of a flow (runs start on a worker of the pool)")
    .argument("[entrypoint]", "the flow, as FILE.ts:FLOW")
    .option("--name <name>", "the deployment's name (with --all: deploy only this one)")
    .option("--pool <name>", "the work pool whose workers run it ('default' is created on first use)")
    .option("--work-queue <name>", "the pool's queue (default: its 'default' queue)")
    .option("--cron <expr>", "a cron schedule")
    .option("--interval <seconds>", "an interval schedule, in seconds")
    .option("--anchor-date <time>", "with --interval: a time the intervals count from (ISO 8601)")
    .option("--rrule <rule>", "an RRULE schedule")
    .option("--timezone <tz>", "the schedule's time zone (IANA, default UTC)")
    .option("--param <key=value>", "a default parameter; repeatable", collect, [])
    .option("--params-json <json>", "the default parameters as one JSON object")
    .option("--tag <tag>", "a tag of its runs; repeatable", collect, [])
    .option("--description <text>")
    .option("--version <text>")
    .option("--concurrency-limit <n>", "at most this many runs of the deployment at once")
    .option("--collision-strategy <s>", "when the limit is reached: ENQUEUE (wait) or CANCEL_NEW")
    .option("--stale-policy <p>", "for late runs: RUN_ANYWAY (default), SKIP_IF_NEWER or EXPIRE")
    .option(
      "--stale-after <duration>",
      "with EXPIRE: cancel runs this late (90s, 10m, 2h); alone, means EXPIRE",
    )
    .option("--paused", "create it paused")
    .option(
      "--job-variable <key=value>",
      "a job variable (env, workingDir, command); repeatable",
      collect,
      [],
    )
    .option(
      "--source <kind>",
      "where workers get the code: local (this folder, default), bundle (uploaded), git",
    )
    .option("--git-url <url>", "with --source git: the repository (default: the checkout's origin remote)")
    .option("--git-ref <ref>", "with --source git: a branch, tag or commit (default: the default branch)")
    .option("--all", "deploy the deployments of the deployment file")
    .option("--file <path>", "the deployment file for --all", "ordo.yaml")
    .option("--json", "print the deployment(s) as JSON")
    .addHelpText("after", EXAMPLES)
    .action(async (entrypoint: string | undefined, options: DeployCliOptions) => {
      const deployed: Deployed[] = [];
      if (options.all === true) {
        const file = resolve(options.file);
        if (!existsSync(file)) {
          throw new OrdoError("ORDO_INVALID_INPUT", `no deployment file at ${file}`, { path: file });
        }
        const { readDeploymentFile } = await import("./deployment-file.js");
        const entries = (await readDeploymentFile(file)).filter(
          (e) => options.name === undefined || e.name === options.name,
        );
        if (entries.length === 0) {
          throw new OrdoError("ORDO_NOT_FOUND", `${file} has no deployment named ${options.name ?? ""}`, {
            path: file,
          });
        }
        const override = sourceFromOptions(options);
        for (const entry of entries) {
          const { options: deployment, where } = fromEntry(entry);
          deployed.push(
            await deployOne(entry.entrypoint, deployment, { ...where, source: override ?? where.source }),
          );
        }
      } else {
        if (entrypoint === undefined || options.name === undefined) {
          throw new OrdoError(
            "ORDO_INVALID_INPUT",
            "give FILE.ts:FLOW and --name (or --all for ordo.yaml)",
            {},
          );
        }
        deployed.push(
          await deployOne(entrypoint, deploymentOptionsFromFlags(options.name, options), {
            pool: options.pool ?? "default",
            queue: options.workQueue,
            jobVariables: options.jobVariable.length === 0 ? undefined : jobVariablesOf(options.jobVariable),
            source: sourceFromOptions(options),
          }),
        );
      }
      if (options.json !== true) {
        ctx.io.out(deployed.map(describe).join(""));
        return;
      }
      // Standard output holds the JSON only; what the sources took goes to standard error.
      for (const { summary } of deployed) if (summary !== undefined) ctx.io.err(`${summary}\n`);
      ctx.io.out(
        formatJson(deployed.length === 1 ? deployed[0]?.deployment : deployed.map((d) => d.deployment)),
      );
    });
}
