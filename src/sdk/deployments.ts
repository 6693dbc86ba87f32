/**
 * Deployments from code: `flow.toDeployment(…)`, `flow.serve(…)`, `serve(…)`,
 * `flow.deploy(…)` and `runDeployment(…)`.
 *
 * `serve` is a long-running process that registers its deployments (no work pool) and
 * runs their scheduled and triggered runs itself, each in its own child process; it
 * keeps one warm child per deployment with the flow already loaded, so a run starts in
 * milliseconds. `deploy` registers a deployment whose runs a worker of a work pool
 * starts.
 *
 * @module
 */
import { hostname } from "node:os";
import { relative } from "node:path";
import type { FlowDefinition } from "../engine/definitions.js";
import { parameterJsonSchema } from "../engine/parameters.js";
import { currentRunContext } from "../engine/context.js";
import { OrdoError } from "../errors/ordo-error.js";
import type {
  CollisionStrategySchema,
  Deployment,
  DeploymentCreate,
  DeploymentScheduleInput,
  DeploymentSource,
  FlowRun,
  StalePolicySchema,
} from "../schemas/index.js";
import { isTerminalType } from "../states/index.js";
import { RunSupervisor, describeStart } from "../worker/run-supervisor.js";
import type { z } from "zod";
import { getClient } from "../client/get-client.js";
import type { OrdoClient } from "../client/ordo-client.js";
import { loadSettings } from "../settings/index.js";
import type { DeploySource } from "./deploy-source.js";

/** Set in the processes that run flow runs for a worker or serve process. */
export const RUN_CHILD_ENV = "ORDO_RUN_PROCESS";

/** What a deployment of a flow may say (the flow's name, schema and retries come from the flow). */
export interface DeploymentOptions {
  /** The deployment's name; runs are created with `FLOW/NAME`. */
  readonly name: string;
  readonly description?: string | undefined;
  readonly version?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  /** Default parameters of its runs. */
  readonly parameters?: Record<string, unknown> | undefined;
  /** A cron schedule (with `timezone`). */
  readonly cron?: string | undefined;
  /** An interval schedule, in seconds (with `anchorDate`). */
  readonly interval?: number | undefined;
  /** An RRULE schedule. */
  readonly rrule?: string | undefined;
  /** The time zone of `cron`, `interval` or `rrule` (IANA, default UTC). */
  readonly timezone?: string | undefined;
  readonly anchorDate?: string | number | undefined;
  /** More schedules, each with its own parameters. */
  readonly schedules?: readonly DeploymentScheduleInput[] | undefined;
  readonly paused?: boolean | undefined;
  readonly concurrencyLimit?: number | undefined;
  readonly collisionStrategy?: z.infer<typeof CollisionStrategySchema> | undefined;
  readonly stalePolicy?: z.infer<typeof StalePolicySchema> | undefined;
  readonly staleAfterSeconds?: number | undefined;
}

/** What `flow.deploy` takes: a deployment for the workers of a work pool. */
export interface DeployOptions extends DeploymentOptions {
  readonly workPool: string;
  readonly workQueue?: string | undefined;
  /** `path/to/file.ts:export`, relative to `path` (default: the flow's defining file). */
  readonly entrypoint?: string | undefined;
  /** The project folder workers start runs in (default: the current folder). */
  readonly path?: string | undefined;
  /**
   * Where workers get the code (default: `local`, this folder or `path`). `{ kind: "bundle" }`
   * bundles the flow's project and uploads it to the server, for workers on other machines;
   * `{ kind: "git", url, ref }` has workers clone a repository.
   */
  readonly source?: DeploySource | undefined;
  readonly jobVariables?: Record<string, unknown> | undefined;
}

/** A deployment of a flow, ready to be served ({@link serve}). */
export interface RunnerDeployment {
  readonly definition: FlowDefinition;
  readonly options: DeploymentOptions;
}

/** The schedules that the schedule shortcuts and `schedules` describe. */
function schedulesOf(options: DeploymentOptions): DeploymentScheduleInput[] {
  const out: DeploymentScheduleInput[] = [...(options.schedules ?? [])];
  const timezone = options.timezone;
  if (options.cron !== undefined) out.push({ cron: options.cron, timezone });
  if (options.interval !== undefined) {
    out.push({ interval: options.interval, anchorDate: options.anchorDate, timezone });
  }
  if (options.rrule !== undefined) out.push({ rrule: options.rrule, timezone });
  return out.map(
    (s) =>
      Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as DeploymentScheduleInput,
  );
}

/** Where a flow's code is: its recorded entrypoint, or its defining file and name. */
export function entrypointOf(def: FlowDefinition, base: string): string {
  if (def.entrypoint !== undefined) return def.entrypoint;
  if (def.sourceFile === undefined) {
    throw new OrdoError(
      "ORDO_INVALID_ENTRYPOINT",
      `the file that defines flow '${def.name}' is not known: give an entrypoint (path/to/file.ts:export)`,
      { flow: def.name },
    );
  }
  const file = relative(base, def.sourceFile);
  return `${file.startsWith("..") ? def.sourceFile : file}:${def.name}`;
}

/** The create request of a deployment of `def`. */
export function deploymentCreateOf(
  def: FlowDefinition,
  options: DeploymentOptions,
  where: {
    entrypoint: string;
    path?: string | undefined;
    source?: DeploymentSource | undefined;
    workPool?: string;
    workQueue?: string;
    jobVariables?: Record<string, unknown>;
  },
): DeploymentCreate {
  return {
    flowName: def.name,
    name: options.name,
    description: options.description ?? def.options.description,
    version: options.version ?? def.options.version,
    entrypoint: where.entrypoint,
    path: where.path,
    source: where.source,
    parameters: options.parameters ?? {},
    parameterSchema: def.options.params === undefined ? undefined : parameterJsonSchema(def),
    tags: [...(options.tags ?? def.options.tags ?? [])],
    workPoolName: where.workPool,
    workQueueName: where.workQueue,
    jobVariables: where.jobVariables ?? {},
    retries: def.options.retries ?? 0,
    concurrencyLimit: options.concurrencyLimit,
    collisionStrategy: options.collisionStrategy,
    stalePolicy: options.stalePolicy,
    staleAfterSeconds: options.staleAfterSeconds,
    paused: options.paused,
    schedules: schedulesOf(options),
  };
}

/**
 * Registers a deployment of `def` for the workers of a work pool and returns it.
 *
 * @example
 * ```ts
 * await etl.deploy({ name: "nightly", workPool: "local", cron: "0 3 * * *", timezone: "Europe/Berlin" });
 * ```
 */
export async function deployFlow(def: FlowDefinition, options: DeployOptions): Promise<Deployment> {
  const path = options.path ?? process.cwd();
  const entrypoint = options.entrypoint ?? entrypointOf(def, path);
  const client = await getClient();
  // Loaded on demand: bundling needs tar, which flows that never deploy do not load.
  const { prepareDeploySource } = await import("./deploy-source.js");
  const prepared = await prepareDeploySource(
    options.source ?? { kind: "local", path },
    entrypoint,
    path,
    client,
    loadSettings().ORDO_HOME,
  );
  return client.orchestration.createDeployment(
    deploymentCreateOf(def, options, {
      entrypoint: prepared.entrypoint,
      path: prepared.path,
      source: prepared.source,
      workPool: options.workPool,
      workQueue: options.workQueue,
      jobVariables: options.jobVariables,
    }),
  );
}

/** How `serve` runs. */
export interface ServeOptions {
  /** Most runs at once. Default 10. */
  readonly limit?: number | undefined;
  /** Stops serving when aborted (as SIGINT and SIGTERM do). */
  readonly signal?: AbortSignal | undefined;
  /** Called once the deployments are registered and the warm children started. */
  readonly onReady?: ((deployments: readonly Deployment[]) => void) | undefined;
  /** Where serve's messages and its runs' output go (default: standard output). */
  readonly write?: ((line: string) => void) | undefined;
  /**
   * Pause the served deployments when serve stops (default true, as Prefect's
   * `pause_on_shutdown`): their schedules make no runs that no one would start, and their
   * future scheduled runs are deleted. Serving them again resumes them.
   */
  readonly pauseOnShutdown?: boolean | undefined;
}

/**
 * Serves deployments: registers them, then runs their scheduled and triggered runs in
 * child processes until SIGINT or SIGTERM (or `options.signal`). Cancelled runs are
 * killed. Schedules need a server (`ORDO_API_URL`): its scheduler makes the runs. When
 * it stops, it pauses the deployments it served (unless `pauseOnShutdown: false`).
 *
 * @example
 * ```ts
 * await serve(etl.toDeployment({ name: "nightly", cron: "0 3 * * *" }), report.toDeployment({ name: "hourly", interval: 3600 }));
 * ```
 */
export async function serve(...args: (RunnerDeployment | ServeOptions)[]): Promise<void> {
  // A run's own process imports the file that called serve(): it must not serve again.
  if (process.env[RUN_CHILD_ENV] === "1") return;
  const deployments = args.filter((a): a is RunnerDeployment => "definition" in a);
  const options = (args.find((a) => !("definition" in a)) ?? {}) as ServeOptions;
  if (deployments.length === 0)
    throw new OrdoError("ORDO_INVALID_INPUT", "serve() needs at least one deployment", {});
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const client = await getClient();
  const settings = loadSettings();
  const path = process.cwd();
  const registered: Deployment[] = [];
  const supervisor = new RunSupervisor({ client, apiUrl: settings.ORDO_API_URL, write, warm: true });
  for (const d of deployments) {
    const entrypoint = entrypointOf(d.definition, path);
    const deployment = await client.orchestration.createDeployment(
      deploymentCreateOf(d.definition, d.options, { entrypoint, path }),
    );
    registered.push(deployment);
    supervisor.prewarm({ entrypoint, path, job: { env: {} } });
    const schedules = deployment.schedules.filter((s) => s.active).map((s) => s.description);
    write(
      `[serve] serving deployment '${deployment.flowName}/${deployment.name}'` +
        (schedules.length === 0 ? "" : ` (${schedules.join("; ")})`),
    );
  }
  const example = registered[0]!;
  write(
    `[serve] trigger a run with: ordo deployment run '${example.flowName}/${example.name}'; Ctrl-C stops`,
  );
  const entrypoints = new Map(registered.map((d) => [d.id, d]));
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  options.signal?.addEventListener("abort", onSignal, { once: true });
  options.onReady?.(registered);
  const limit = options.limit ?? 10;
  const workerName = `serve-${hostname()}-${process.pid}`;
  let wake: (() => void) | undefined;
  stop.signal.addEventListener("abort", () => wake?.(), { once: true });
  try {
    while (!stop.signal.aborted) {
      if (supervisor.activeCount >= limit) {
        await new Promise<void>((done) => (wake = done));
        continue;
      }
      let claimed;
      try {
        claimed = await client.orchestration.claimDeploymentRuns(
          {
            deploymentIds: [...entrypoints.keys()],
            workerName,
            limit: limit - supervisor.activeCount,
            prefetchSeconds: 10,
            waitSeconds: supervisor.claimWaitSeconds(5),
            // A due run starts in its deployment's warm child within the claim.
            startIn: supervisor.waitingProcesses(),
          },
          // SIGINT/SIGTERM end the claim waiting on the server at once.
          { signal: stop.signal },
        );
      } catch (error) {
        if (stop.signal.aborted) break;
        write(`[serve] could not claim runs: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((done) => setTimeout(done, 1000));
        continue;
      }
      for (const run of claimed) {
        write(`[serve] starting ${describeStart(run)}`);
        void supervisor.start(run).then(() => wake?.());
      }
      // The next claim waits until the warm children took their runs (at most 100 ms).
      if (claimed.length > 0) await supervisor.handedOver();
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    write("[serve] stopping");
    await Promise.all([
      options.pauseOnShutdown === false ? undefined : pauseServed(client, registered, write),
      supervisor.shutdown(30_000),
    ]);
  }
}

/** How long a stopping serve process tries to pause its deployments (a server that is down). */
const PAUSE_ON_SHUTDOWN_MS = 5_000;

/**
 * Pauses the deployments a stopping serve process served, for at most
 * {@link PAUSE_ON_SHUTDOWN_MS}; a failure is said, not thrown.
 */
async function pauseServed(
  client: OrdoClient,
  deployments: readonly Deployment[],
  write: (line: string) => void,
): Promise<void> {
  const signal = AbortSignal.timeout(PAUSE_ON_SHUTDOWN_MS);
  for (const d of deployments) {
    const name = `${d.flowName}/${d.name}`;
    try {
      await client.orchestration.updateDeployment(d.id, { paused: true }, { signal });
      write(`[serve] paused deployment '${name}' (serving it again resumes it)`);
    } catch (error) {
      write(
        `[serve] could not pause deployment '${name}': ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/** Options of {@link runDeployment}. */
export interface RunDeploymentOptions {
  /** Wait at most this long for the run to end (default: until it ends; 0: do not wait). */
  readonly timeoutSeconds?: number | undefined;
  /** Start later. */
  readonly scheduledTime?: Date | number | undefined;
  readonly tags?: readonly string[] | undefined;
  /**
   * This run's job variables, over the deployment's (key by key; `env` variable by
   * variable), checked against the pool's job template.
   */
  readonly jobVariables?: Readonly<Record<string, unknown>> | undefined;
  /** Link the run to the calling flow run as a subflow (default true inside a flow). */
  readonly asSubflow?: boolean | undefined;
}

/** `ORDO_INVALID_INPUT` for a `timeoutSeconds` or `scheduledTime` that means no time. */
function checkRunDeploymentOptions(options: RunDeploymentOptions): void {
  const { timeoutSeconds, scheduledTime } = options;
  if (timeoutSeconds !== undefined && !(Number.isFinite(timeoutSeconds) && timeoutSeconds >= 0)) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `runDeployment: timeoutSeconds must be a number ≥ 0, got ${String(timeoutSeconds)}`,
      { field: "timeoutSeconds" },
    );
  }
  const at = scheduledTime instanceof Date ? scheduledTime.getTime() : scheduledTime;
  if (at !== undefined && !Number.isFinite(at)) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `runDeployment: scheduledTime must be a Date or ms since the epoch, got ${String(scheduledTime)}`,
      { field: "scheduledTime" },
    );
  }
}

/**
 * Creates a run of a deployment (`FLOW/DEPLOYMENT`), linked as a subflow of the calling
 * flow run, and waits for it to end (or `timeoutSeconds`); returns the run as it is then.
 *
 * @example
 * ```ts
 * const run = await runDeployment("etl/nightly", { n: 5 }, { timeoutSeconds: 600 });
 * ```
 */
export async function runDeployment(
  name: string,
  parameters: Record<string, unknown> = {},
  options: RunDeploymentOptions = {},
): Promise<FlowRun> {
  checkRunDeploymentOptions(options);
  const client = await getClient();
  const ctx = currentRunContext();
  const parent =
    options.asSubflow === false || ctx === undefined ? undefined : ctx.kind === "flow" ? ctx : ctx.flow;
  const scheduled = options.scheduledTime;
  let run = await client.orchestration.createDeploymentFlowRun(name, {
    parameters: parameters,
    scheduledTime:
      scheduled === undefined ? undefined : typeof scheduled === "number" ? scheduled : scheduled.getTime(),
    tags: options.tags === undefined ? undefined : [...options.tags],
    jobVariables: options.jobVariables === undefined ? undefined : { ...options.jobVariables },
    parentFlowRunId: parent?.flowRunId,
    parentTaskRunId: ctx?.kind === "task" ? ctx.taskRun.id : undefined,
  });
  const timeout = options.timeoutSeconds;
  if (timeout === 0) return run;
  const deadline = timeout === undefined ? Infinity : Date.now() + timeout * 1000;
  let delay = 100;
  while (!isTerminalType(run.state.type) && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, Math.min(delay, Math.max(0, deadline - Date.now()))));
    delay = Math.min(1000, delay * 1.5);
    run = await client.readFlowRun(run.id);
  }
  return run;
}
