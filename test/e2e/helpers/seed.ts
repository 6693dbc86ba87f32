/**
 * The data the browser suite looks at, made the way users make it: deployments from the
 * CLI (`ordo deploy --all`), a worker (`ordo worker start`), and through the API a work
 * pool, runs that the worker then runs, a variable and concurrency limits.
 *
 * @module
 */
import type { Deployment, FlowRun, TaskRun } from "../../../src/schemas/index.js";
import { StateType } from "../../../src/states/index.js";
import { eventually } from "../../integration/worker/harness.js";
import type { OrdoStack } from "./ordo-stack.js";

/** The fixture flows' file, relative to the repository root (the CLI's working folder). */
export const E2E_FLOWS = "test/fixtures/e2e/flows.ts";
/** The suite's deployment file (`quick`, `custom`, `seed` and `long`). */
export const E2E_DEPLOYMENTS = "test/fixtures/e2e/ordo.yaml";

/** The work pool every deployment of the suite uses. */
export const POOL = "e2e";

/** What was seeded, for the tests to open. */
export interface Seeded {
  /** `e2e-greeter/quick`: Quick run greets 8 lines 400 ms apart (~3 s). */
  readonly quick: Deployment;
  /** `e2e-greeter/custom`: only the Custom run test makes runs of it. */
  readonly custom: Deployment;
  /** `e2e-sleeper/long`: sleeps 60 s after writing its pid to the file named by `pidFile`. */
  readonly sleeper: Deployment;
  /** A Completed run of the greeter, with task runs, a subflow, logs and artifacts. */
  readonly completed: FlowRun;
  /** A Failed run of the greeter. */
  readonly failed: FlowRun;
  /** A task run of the completed run. */
  readonly taskRun: TaskRun;
  /** The key of an artifact the completed run made. */
  readonly artifactKey: string;
  readonly variableName: string;
  readonly concurrencyTag: string;
  readonly globalLimitName: string;
}

const FINAL: readonly string[] = [
  StateType.COMPLETED,
  StateType.FAILED,
  StateType.CRASHED,
  StateType.CANCELLED,
];

/** True when the run has reached a final state. */
export function isFinal(run: FlowRun): boolean {
  return FINAL.includes(run.state.type);
}

async function cli(stack: OrdoStack, args: readonly string[]): Promise<string> {
  const result = await stack.ordo(args);
  if (result.code !== 0) throw new Error(`ordo ${args.join(" ")} exited ${result.code}:\n${result.output}`);
  return result.stdout;
}

/** Deploys every deployment of the suite's `ordo.yaml`, by name. */
async function deployAll(stack: OrdoStack): Promise<Map<string, Deployment>> {
  const stdout = await cli(stack, ["deploy", "--all", "--file", E2E_DEPLOYMENTS, "--json"]);
  const deployed = JSON.parse(stdout) as Deployment[];
  return new Map(deployed.map((deployment) => [deployment.name, deployment]));
}

/** Waits until run `id` is in a final state (throws after `timeoutMs`). */
export function waitForFinal(stack: OrdoStack, id: string, timeoutMs = 60_000): Promise<FlowRun> {
  return eventually(
    `flow run ${id} to finish`,
    async () => {
      const run = await stack.client.readFlowRun(id);
      return isFinal(run) ? run : undefined;
    },
    timeoutMs,
  );
}

/**
 * Runs the `fanOut` fixture flow with `items` task runs to the end (`ordo run`, in the
 * CLI's own process) and returns the flow run's id.
 */
export async function runFanOut(stack: OrdoStack, items: number): Promise<string> {
  const stdout = await cli(stack, ["run", `${E2E_FLOWS}:fanOut`, "--param", `items=${items}`, "--json"]);
  return (JSON.parse(stdout) as { flowRunId: string }).flowRunId;
}

/** Seeds the installation and starts a worker of its pool. */
export async function seed(stack: OrdoStack): Promise<Seeded> {
  await stack.client.orchestration.createWorkPool({
    name: POOL,
    type: "process",
    description: "the end-to-end suite's process pool",
  });
  const [deployments] = await Promise.all([deployAll(stack), stack.startWorker(POOL)]);
  const named = (name: string): Deployment => {
    const deployment = deployments.get(name);
    if (deployment === undefined) throw new Error(`${E2E_DEPLOYMENTS} deployed no '${name}'`);
    return deployment;
  };
  const quick = named("quick");
  const custom = named("custom");
  const seedRuns = named("seed");
  const sleeper = named("long");
  const { client } = stack;
  const variableName = "e2e_threshold";
  const concurrencyTag = "e2e";
  const globalLimitName = "e2e-warehouse";
  await Promise.all([
    client.setVariable({ name: variableName, value: { limit: 42, note: "seeded" }, tags: ["e2e"] }),
    client.createConcurrencyLimit({ tag: concurrencyTag, concurrencyLimit: 5 }),
    client.createGlobalConcurrencyLimit({ name: globalLimitName, limit: 3 }),
  ]);
  const [completedRun, failedRun] = await Promise.all([
    // Names no generated run name can take (adjective-animal): the specs find these runs by name.
    client.orchestration.createDeploymentFlowRun(seedRuns.id, {
      name: "greeting-for-alice",
      parameters: { who: "alice" },
    }),
    client.orchestration.createDeploymentFlowRun(seedRuns.id, {
      name: "greeting-for-bob",
      parameters: { who: "bob", fail: true },
    }),
  ]);
  const [completed, failed] = await Promise.all([
    waitForFinal(stack, completedRun.id),
    waitForFinal(stack, failedRun.id),
  ]);
  if (completed.state.type !== StateType.COMPLETED || failed.state.type !== StateType.FAILED) {
    throw new Error(
      `the seed runs ended ${completed.state.name} and ${failed.state.name} (expected Completed and Failed)\n${stack.serverOutput()}`,
    );
  }
  const taskRuns = await client.readTaskRuns({ flowRunId: completed.id, limit: 10 });
  if (taskRuns.length === 0) throw new Error("the completed seed run recorded no task runs");
  return {
    quick,
    custom,
    sleeper,
    completed,
    failed,
    taskRun: taskRuns[0]!,
    artifactKey: "e2e-greeting",
    variableName,
    concurrencyTag,
    globalLimitName,
  };
}
