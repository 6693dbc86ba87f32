/**
 * `ordo deployment schedule ls|create|pause|resume|delete|clear`: a deployment's schedules,
 * one at a time (Prefect's `prefect deployment schedule …`), through the API's
 * `/deployments/{id}/schedules` routes: each change is one transaction on the server that
 * leaves the deployment's other schedules and their planned runs alone, so two commands
 * at once both take effect; a paused or resumed schedule keeps its id.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import type { Deployment, DeploymentScheduleInput, DeploymentScheduleRecord } from "../schemas/index.js";
import type { CliContext } from "./cli-context.js";
import { collect } from "./collect.js";
import { scheduleFromFlags, type ScheduleFlags } from "./deploy-flags.js";
import { formatJson } from "./output/json.js";
import { formatTable } from "./output/table.js";
import { parseParams } from "./parse-params.js";

interface JsonOption {
  readonly json?: boolean | undefined;
}

/** Options of `ordo deployment schedule create`. */
interface CreateOptions extends ScheduleFlags, JsonOption {
  readonly param: string[];
  readonly paramsJson?: string | undefined;
  readonly slug?: string | undefined;
  readonly inactive?: boolean | undefined;
}

/** The deployment's `FLOW/NAME`. */
function fullName(deployment: Deployment): string {
  return `${deployment.flowName}/${deployment.name}`;
}

/** The deployment's schedule `ref` as the server finds it: by id, else by slug. */
function scheduleNamed(deployment: Deployment, ref: string): DeploymentScheduleRecord | undefined {
  return deployment.schedules.find((s) => s.id === ref) ?? deployment.schedules.find((s) => s.slug === ref);
}

/** A schedule as a line of output: its id, description and, when it has one, its slug. */
function describe(schedule: DeploymentScheduleRecord): string {
  return `${schedule.id} (${schedule.description}${schedule.slug === undefined ? "" : `, slug ${schedule.slug}`})`;
}

/** A deployment's schedules as a table: id, description, active, slug and parameters. */
export function schedulesTable(deployment: Deployment): string {
  return formatTable(
    [
      { header: "ID" },
      { header: "SCHEDULE" },
      { header: "ACTIVE" },
      { header: "SLUG" },
      { header: "PARAMETERS" },
    ],
    deployment.schedules.map((s) => [
      s.id,
      s.description,
      s.active ? "yes" : "no",
      s.slug ?? "-",
      JSON.stringify(s.parameters),
    ]),
  );
}

/** Adds `ordo deployment schedule …` to the `ordo deployment` command group. */
export function registerDeploymentScheduleCommands(deployment: Command, ctx: CliContext): void {
  const group = deployment
    .command("schedule")
    .description("list, add, pause, resume and delete a deployment's schedules one at a time");
  const orchestration = async () => (await getClient()).orchestration;
  /** A subcommand taking NAME and SCHEDULE. */
  const oneSchedule = (command: string, description: string) =>
    group
      .command(command)
      .description(description)
      .argument("<name>", "FLOW/DEPLOYMENT or the deployment's id")
      .argument("<schedule>", "the schedule's id or slug (see: ordo deployment schedule ls NAME)");

  group
    .command("ls")
    .description("list a deployment's schedules")
    .argument("<name>", "FLOW/DEPLOYMENT or the deployment's id")
    .option("--json", "print the schedules as a JSON array")
    .action(async (name: string, options: JsonOption) => {
      const d = await (await orchestration()).readDeployment(name);
      if (options.json === true) ctx.io.out(formatJson(d.schedules));
      else ctx.io.out(schedulesTable(d));
    });

  group
    .command("create")
    .description("add a schedule to a deployment (its other schedules stay as they are)")
    .argument("<name>", "FLOW/DEPLOYMENT or the deployment's id")
    .option("--cron <expr>", "a cron schedule")
    .option("--interval <seconds>", "an interval schedule, in seconds")
    .option("--anchor-date <time>", "with --interval: a time the intervals count from (ISO 8601)")
    .option("--rrule <rule>", "an RRULE schedule")
    .option("--timezone <tz>", "the schedule's time zone (IANA, default UTC)")
    .option("--param <key=value>", "a parameter of this schedule's runs; repeatable", collect, [])
    .option("--params-json <json>", "this schedule's parameters as one JSON object")
    .option("--slug <slug>", "a name for the schedule, unique within the deployment")
    .option("--inactive", "add it paused")
    .option("--json", "print the new schedule as JSON")
    .action(async (name: string, options: CreateOptions) => {
      const spec = scheduleFromFlags(options);
      const parameters = parseParams(options.param, options.paramsJson);
      const schedule = {
        ...spec,
        active: options.inactive !== true,
        parameters,
        ...(options.slug === undefined ? {} : { slug: options.slug }),
      } as DeploymentScheduleInput;
      const client = await orchestration();
      const d = await client.readDeployment(name);
      const [added] = await client.createDeploymentSchedules(d.id, [schedule]);
      if (options.json === true) ctx.io.out(formatJson(added ?? null));
      else ctx.io.out(`added schedule ${added === undefined ? "" : describe(added)} to ${fullName(d)}\n`);
    });

  for (const [command, active] of [
    ["pause", false],
    ["resume", true],
  ] as const) {
    oneSchedule(
      command,
      active
        ? "resume a paused schedule: it plans runs again"
        : "pause one schedule: it plans no runs, and its future runs are removed",
    ).action(async (name: string, ref: string) => {
      const client = await orchestration();
      const d = await client.readDeployment(name);
      const before = scheduleNamed(d, ref);
      const after = await client.updateDeploymentSchedule(d.id, ref, { active });
      const which = `schedule ${describe(after)} of ${fullName(d)}`;
      if (before?.active === active) ctx.io.out(`${which} is already ${active ? "active" : "paused"}\n`);
      else if (active) ctx.io.out(`resumed ${which}\n`);
      else ctx.io.out(`paused ${which}: its future runs are removed\n`);
    });
  }

  oneSchedule("delete", "delete one schedule of a deployment, and its future runs").action(
    async (name: string, ref: string) => {
      const client = await orchestration();
      const d = await client.readDeployment(name);
      const target = scheduleNamed(d, ref);
      await client.deleteDeploymentSchedule(d.id, ref);
      ctx.io.out(`deleted schedule ${target === undefined ? ref : describe(target)} of ${fullName(d)}\n`);
    },
  );

  group
    .command("clear")
    .description("delete every schedule of a deployment, and their future runs")
    .argument("<name>", "FLOW/DEPLOYMENT or the deployment's id")
    .action(async (name: string) => {
      const client = await orchestration();
      const d = await client.readDeployment(name);
      await client.updateDeployment(d.id, { schedules: [] });
      ctx.io.out(`deleted ${d.schedules.length} schedule(s) of ${fullName(d)}\n`);
    });
}
