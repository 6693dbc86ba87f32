/**
 * `ordo deployment schedule ls|create|pause|resume|delete|clear`: a deployment's schedules,
 * one at a time (Prefect's `prefect deployment schedule …`). Each command reads the
 * deployment's schedules and writes them back changed: the schedules it leaves alone keep
 * their ids and planned runs, and a paused or resumed one keeps its id.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import type { OrchestrationClient } from "../client/orchestration-client.js";
import { OrdoError } from "../errors/ordo-error.js";
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

/** A stored schedule as the input that writes it again unchanged. */
function asInput(record: DeploymentScheduleRecord): DeploymentScheduleInput {
  return {
    ...record.schedule,
    active: record.active,
    parameters: record.parameters,
    ...(record.slug === undefined ? {} : { slug: record.slug }),
  };
}

/** The deployment's schedule `ref` (its id or its slug); `ORDO_NOT_FOUND` naming the others. */
function scheduleOf(deployment: Deployment, ref: string): DeploymentScheduleRecord {
  const found =
    deployment.schedules.find((s) => s.id === ref) ?? deployment.schedules.find((s) => s.slug === ref);
  if (found !== undefined) return found;
  const name = `${deployment.flowName}/${deployment.name}`;
  const known = deployment.schedules.map((s) => (s.slug === undefined ? s.id : `${s.id} (${s.slug})`));
  throw new OrdoError(
    "ORDO_NOT_FOUND",
    `deployment ${name} has no schedule '${ref}' (${known.length === 0 ? "it has none" : `its schedules: ${known.join(", ")}`})`,
    { deployment: name, schedule: ref },
  );
}

/** A schedule as a line of output: its id, description and, when it has one, its slug. */
function describe(schedule: DeploymentScheduleRecord): string {
  return `${schedule.id} (${schedule.description}${schedule.slug === undefined ? "" : `, slug ${schedule.slug}`})`;
}

function schedulesTable(deployment: Deployment): string {
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

/** Writes the deployment's schedules as `change` makes them from the stored ones. */
async function rewrite(
  orchestration: OrchestrationClient,
  deployment: Deployment,
  change: (schedules: DeploymentScheduleInput[]) => DeploymentScheduleInput[],
): Promise<Deployment> {
  return orchestration.updateDeployment(deployment.id, {
    schedules: change(deployment.schedules.map(asInput)),
  });
}

/** Adds `ordo deployment schedule …` to the `ordo deployment` command group. */
export function registerDeploymentScheduleCommands(deployment: Command, ctx: CliContext): void {
  const group = deployment
    .command("schedule")
    .description("list, add, pause, resume and delete a deployment's schedules one at a time");
  const read = async (name: string) => {
    const orchestration = (await getClient()).orchestration;
    return { orchestration, deployment: await orchestration.readDeployment(name) };
  };
  /** The deployment `name`, its schedule `ref` and where that schedule is in its list. */
  const readSchedule = async (name: string, ref: string) => {
    const { orchestration, deployment: d } = await read(name);
    const target = scheduleOf(d, ref);
    return { orchestration, d, target, index: d.schedules.indexOf(target) };
  };
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
      const { deployment: d } = await read(name);
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
      const { orchestration, deployment: before } = await read(name);
      const schedule = {
        ...spec,
        active: options.inactive !== true,
        parameters,
        ...(options.slug === undefined ? {} : { slug: options.slug }),
      } as DeploymentScheduleInput;
      const after = await rewrite(orchestration, before, (schedules) => [...schedules, schedule]);
      // The schedules that were there keep their ids: the new one is the one id not seen before.
      const known = new Set(before.schedules.map((s) => s.id));
      const added = after.schedules.filter((s) => !known.has(s.id));
      if (options.json === true) ctx.io.out(formatJson(added[0] ?? null));
      else {
        const what = added.map(describe).join(", ");
        ctx.io.out(`added schedule ${what} to ${after.flowName}/${after.name}\n`);
      }
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
      const { orchestration, d, target, index } = await readSchedule(name, ref);
      await rewrite(orchestration, d, (schedules) =>
        schedules.map((s, i) => (i === index ? { ...s, active } : s)),
      );
      const which = `schedule ${describe(target)} of ${d.flowName}/${d.name}`;
      if (target.active === active) ctx.io.out(`${which} is already ${active ? "active" : "paused"}\n`);
      else if (active) ctx.io.out(`resumed ${which}\n`);
      else ctx.io.out(`paused ${which}: its future runs are removed\n`);
    });
  }

  oneSchedule("delete", "delete one schedule of a deployment, and its future runs").action(
    async (name: string, ref: string) => {
      const { orchestration, d, target, index } = await readSchedule(name, ref);
      await rewrite(orchestration, d, (schedules) => schedules.filter((_, i) => i !== index));
      ctx.io.out(`deleted schedule ${describe(target)} of ${d.flowName}/${d.name}\n`);
    },
  );

  group
    .command("clear")
    .description("delete every schedule of a deployment, and their future runs")
    .argument("<name>", "FLOW/DEPLOYMENT or the deployment's id")
    .action(async (name: string) => {
      const { orchestration, deployment: d } = await read(name);
      await rewrite(orchestration, d, () => []);
      ctx.io.out(`deleted ${d.schedules.length} schedule(s) of ${d.flowName}/${d.name}\n`);
    });
}
