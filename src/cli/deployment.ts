/**
 * `ordo deployment ls|inspect|run|pause|resume|delete|backfill`.
 *
 * @module
 */
import type { Command } from "commander";
import { getClient } from "../client/get-client.js";
import { redactGitUrl } from "../git/redact-git-url.js";
import type { Deployment, DeploymentSource } from "../schemas/index.js";
import { isTerminalType, StateType } from "../states/index.js";
import type { CliContext } from "./cli-context.js";
import { ExitCode } from "./cli-context.js";
import { collect } from "./collect.js";
import { formatJson } from "./output/json.js";
import { formatFields, formatTable } from "./output/table.js";
import { formatTimestamp } from "./output/relative-time.js";
import { parseCount, parseDurationSeconds } from "./parse-count.js";
import { parseParams } from "./parse-params.js";
import { jobVariablesOf } from "./job-variables.js";
import { OrdoError } from "../errors/ordo-error.js";
import { watchFlowRun } from "./watch-flow-run.js";
import { whoWillStart } from "./who-will-start.js";
import { registerDeploymentScheduleCommands, schedulesTable } from "./deployment-schedule.js";

interface JsonOption {
  readonly json?: boolean | undefined;
}

const BACKFILL_CHUNK = 50;

/**
 * The times of the deployment's backfill slots in [from, to], oldest first: a time comes
 * once per distinct parameters of the schedules that fire then.
 */
async function backfillSlotTimes(
  deployment: Deployment,
  from: number,
  to: number,
  max: number,
): Promise<number[]> {
  // Loaded here, not by every command: the schedule libraries (croner, rrule).
  const { backfillSlots } = await import("../schedules/index.js");
  const schedules = deployment.schedules.map((s) => ({ ...s, spec: s.schedule }));
  return backfillSlots(schedules, from, to, max).map((slot) => slot.time);
}

/**
 * Splits slot times into chunks of about `size` that never split one time (a chunk's
 * request covers whole times: all slots of its first to its last time).
 */
function chunksOfWholeTimes(times: readonly number[], size: number): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  for (const time of times) {
    if (current.length >= size && current[current.length - 1] !== time) {
      chunks.push(current);
      current = [];
    }
    current.push(time);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function deploymentTable(list: readonly Deployment[]): string {
  return formatTable(
    [{ header: "NAME" }, { header: "POOL" }, { header: "SCHEDULES" }, { header: "STATUS" }],
    list.map((d) => [
      `${d.flowName}/${d.name}`,
      d.workPoolName ?? "(serve)",
      d.schedules.map((s) => `${s.description}${s.active ? "" : " (inactive)"}`).join("; ") || "-",
      d.status,
    ]),
  );
}

/** A time given as ISO-8601 or as ms since the epoch; `ORDO_INVALID_INPUT` otherwise. */
function parseTime(text: string, option: string): number {
  const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(value)) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `${option} must be a time like 2026-01-31T03:00:00Z, got "${text}"`,
      {
        option,
        value: text,
      },
    );
  }
  return value;
}

/** Registers `ordo deployment …`. */
export function registerDeploymentCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command("deployment")
    .description(
      "list, inspect, run, pause, resume, delete and backfill deployments (named FLOW/DEPLOYMENT), and manage their schedules",
    );
  const client = async () => (await getClient()).orchestration;

  group
    .command("ls")
    .description("list deployments")
    .option("--flow <name>", "only this flow's")
    .option("--pool <name>", "only this work pool's")
    .option("--json", "print a JSON array")
    .action(async (options: { flow?: string; pool?: string } & JsonOption) => {
      const list = await (
        await client()
      ).readDeployments({ flowName: options.flow, workPoolName: options.pool });
      ctx.io.out(options.json === true ? formatJson(list) : deploymentTable(list));
      if (list.length === 0 && options.json !== true) {
        ctx.io.err("No deployments. Create one with: ordo deploy FILE.ts:FLOW --name NAME --pool POOL\n");
      }
    });

  group
    .command("inspect")
    .description("show a deployment, its schedules and its next runs")
    .argument("<name>", "FLOW/DEPLOYMENT or the deployment's id")
    .option("--json", "print as JSON")
    .action(async (name: string, options: JsonOption) => {
      const ordo = await getClient();
      const d = await ordo.orchestration.readDeployment(name);
      const upcoming = await ordo.readFlowRuns({
        deploymentIds: [d.id],
        stateTypes: [StateType.SCHEDULED],
        sort: "OLDEST",
        limit: 5,
        expectedStartTime: { after: Date.now() - 3600_000 },
      });
      if (options.json === true) {
        ctx.io.out(formatJson({ ...d, upcomingRuns: upcoming }));
        return;
      }
      ctx.io.out(
        formatFields([
          ["Name", `${d.flowName}/${d.name}`],
          ["Id", d.id],
          ["Status", d.status],
          ["Entrypoint", d.entrypoint],
          ["Source", describeSource(d.source)],
          [
            "Work pool",
            d.workPoolName === undefined
              ? "(served by a serve process)"
              : `${d.workPoolName} / ${d.workQueueName ?? "default"}`,
          ],
          ["Parameters", JSON.stringify(d.parameters)],
          ["Tags", d.tags.join(", ") || undefined],
          [
            "Concurrency",
            d.concurrencyLimit === undefined ? undefined : `${d.concurrencyLimit} (${d.collisionStrategy})`,
          ],
          [
            "Stale policy",
            d.stalePolicy + (d.staleAfterSeconds === undefined ? "" : ` after ${d.staleAfterSeconds} s`),
          ],
          ["Description", d.description],
          ["Version", d.version],
        ]),
      );
      ctx.io.out(`\nSchedules\n${schedulesTable(d)}`);
      ctx.io.out(
        `\nNext runs\n${formatTable(
          [{ header: "RUN" }, { header: "STATE" }, { header: "SCHEDULED FOR" }],
          upcoming.map((r) => [r.name, r.state.name, formatTimestamp(r.state.scheduledTime) ?? "-"]),
        )}`,
      );
    });

  group
    .command("run")
    .description("create a run of a deployment (a worker or serve process starts it)")
    .argument("<name>", "FLOW/DEPLOYMENT or the deployment's id")
    .option(
      "--param <key=value>",
      "a parameter over the deployment's; repeatable (value parsed as JSON when it parses)",
      collect,
      [],
    )
    .option("--params-json <json>", "the parameters as one JSON object")
    .option("--start-in <duration>", "start later: 90s, 10m, 2h, 1d")
    .option("--start-at <time>", "start at this time (ISO-8601)")
    .option("--tag <tag>", "a tag of the run; repeatable", collect, [])
    .option("--flow-run-name <name>", "the run's name (default: a generated one, e.g. 'quiet-falcon')")
    .option(
      "--job-variable <key=value>",
      "a job variable of this run over the deployment's (env.KEY=value, workingDir, command); repeatable",
      collect,
      [],
    )
    .option(
      "--watch",
      "wait for the run to finish, printing its state changes; exit 0 only when it Completed",
    )
    .option(
      "--watch-timeout <duration>",
      "with --watch: stop watching after this long (90s, 10m) and exit 1 if the run has not ended",
    )
    .option("--json", "print the run as JSON")
    .action(
      async (
        name: string,
        options: {
          param: string[];
          paramsJson?: string;
          startIn?: string;
          startAt?: string;
          tag: string[];
          flowRunName?: string;
          jobVariable: string[];
          watch?: boolean;
          watchTimeout?: string;
        } & JsonOption,
      ) => {
        const watchSeconds =
          options.watchTimeout === undefined
            ? undefined
            : parseDurationSeconds(options.watchTimeout, "--watch-timeout");
        if (watchSeconds !== undefined && options.watch !== true) {
          throw new OrdoError("ORDO_INVALID_INPUT", "--watch-timeout goes with --watch", {
            option: "--watch-timeout",
          });
        }
        const ordo = await getClient();
        const parameters = parseParams(options.param, options.paramsJson);
        const scheduledTime =
          options.startAt !== undefined
            ? parseTime(options.startAt, "--start-at")
            : options.startIn !== undefined
              ? Date.now() + parseDurationSeconds(options.startIn, "--start-in") * 1000
              : undefined;
        const run = await ordo.orchestration.createDeploymentFlowRun(name, {
          ...(options.flowRunName === undefined ? {} : { name: options.flowRunName }),
          parameters: parameters,
          scheduledTime: scheduledTime === undefined ? undefined : Math.round(scheduledTime),
          tags: options.tag.length === 0 ? undefined : options.tag,
          jobVariables: options.jobVariable.length === 0 ? undefined : jobVariablesOf(options.jobVariable),
        });
        const waiting = await whoWillStart(ordo, name);
        if (options.json === true && options.watch !== true) {
          ctx.io.out(formatJson(run));
        } else {
          ctx.io.out(
            `created flow run '${run.name}' (${run.id}), ${run.state.name} for ${formatTimestamp(run.state.scheduledTime) ?? "now"}\n`,
          );
        }
        if (waiting !== undefined) ctx.io.err(`${waiting}\n`);
        if (options.watch !== true) return;
        const until = watchSeconds === undefined ? undefined : Date.now() + watchSeconds * 1000;
        const final = await watchFlowRun(ordo, run.id, (line) => ctx.io.out(line), { until });
        if (options.json === true) ctx.io.out(formatJson(final));
        if (!isTerminalType(final.state.type)) {
          ctx.io.err(
            `stopped watching after ${options.watchTimeout ?? ""}: the run is ${final.state.name} and goes on (ordo flow-run logs ${run.id} --follow)\n`,
          );
        }
        ctx.exitCode = final.state.type === StateType.COMPLETED ? ExitCode.Ok : ExitCode.Failure;
      },
    );

  for (const [command, paused] of [
    ["pause", true],
    ["resume", false],
  ] as const) {
    group
      .command(command)
      .description(
        paused
          ? "pause a deployment: no scheduled runs; its future scheduled runs are removed"
          : "resume a paused deployment",
      )
      .argument("<name>", "FLOW/DEPLOYMENT or the deployment's id")
      .action(async (name: string) => {
        const d = await (await client()).updateDeployment(name, { paused });
        ctx.io.out(`deployment ${d.flowName}/${d.name} is ${d.paused ? "paused" : "active"}\n`);
      });
  }

  group
    .command("delete")
    .description("delete a deployment and its future scheduled runs (past runs stay)")
    .argument("<name>", "FLOW/DEPLOYMENT or the deployment's id")
    .action(async (name: string) => {
      await (await client()).deleteDeployment(name);
      ctx.io.out(`deleted deployment ${name}\n`);
    });

  group
    .command("backfill")
    .description("create runs for the past slots of a deployment's schedules")
    .argument("<name>", "FLOW/DEPLOYMENT or the deployment's id")
    .requiredOption("--from <time>", "the first slot (ISO-8601), inclusive")
    .option("--to <time>", "the last slot (ISO-8601), inclusive (default: now)")
    .option("--max-runs <n>", "at most this many runs (default 1000)")
    .option("--json", "print the result as JSON")
    .action(async (name: string, options: { from: string; to?: string; maxRuns?: string } & JsonOption) => {
      const from = parseTime(options.from, "--from");
      const to = options.to === undefined ? Date.now() : parseTime(options.to, "--to");
      if (from > to) {
        throw new OrdoError(
          "ORDO_INVALID_INPUT",
          `--from (${new Date(from).toISOString()}) must not be after --to (${new Date(to).toISOString()})`,
          { option: "--from", from: options.from, to: options.to ?? "now" },
        );
      }
      const maxRuns = options.maxRuns === undefined ? 1000 : parseCount(options.maxRuns, "--max-runs");
      const orchestration = await client();
      const deployment = await orchestration.readDeployment(name);
      // The slots are computed here too, so the work goes in chunks with a progress bar.
      const slots = await backfillSlotTimes(deployment, from, to, maxRuns);
      const total = { created: 0, existing: 0, flowRunIds: [] as string[] };
      const progress = (done: number) => {
        if (options.json === true || slots.length === 0) return;
        const width = 30;
        const filled = Math.round((done / slots.length) * width);
        ctx.io.err(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${slots.length} runs`);
      };
      progress(0);
      let done = 0;
      for (const chunk of chunksOfWholeTimes(slots, BACKFILL_CHUNK)) {
        const result = await orchestration.backfillDeployment(deployment.id, {
          from: chunk[0]!,
          to: chunk[chunk.length - 1]!,
          maxRuns: chunk.length,
        });
        total.created += result.created;
        total.existing += result.existing;
        total.flowRunIds.push(...result.flowRunIds);
        done += chunk.length;
        progress(done);
      }
      if (options.json === true) {
        ctx.io.out(formatJson(total));
        return;
      }
      if (slots.length > 0) ctx.io.err("\n");
      ctx.io.out(`backfill of ${name}: ${total.created} run(s) created, ${total.existing} already there\n`);
    });

  registerDeploymentScheduleCommands(group, ctx);
}

/** A deployment's source in one line; a git URL's credentials hidden. */
function describeSource(source: DeploymentSource | undefined): string | undefined {
  switch (source?.kind) {
    case undefined:
      return undefined;
    case "local":
      return `local folder ${source.path}`;
    case "bundle":
      return `bundle ${source.hash}`;
    case "git": {
      const where = source.subdirectory === undefined ? "" : `, in ${source.subdirectory}/`;
      return `git ${redactGitUrl(source.url)} at ${source.ref ?? "the default branch"}${where}`;
    }
  }
}
