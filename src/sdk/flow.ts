/**
 * `flow()`: turns an async function into a tracked, retried, durable flow.
 *
 * @module
 */
import type { z } from "zod";
import type { FlowDefinition, FlowOptions } from "../engine/definitions.js";
import { runFlow } from "../engine/flow-engine.js";
import { stateOf, valueOf } from "../engine/outcome.js";
import { parameterJsonSchema } from "../engine/parameters.js";
import { resultReader } from "../engine/result-io.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { State } from "../states/index.js";
import { engineConfig } from "./engine-config.js";
import type { Deployment } from "../schemas/index.js";
import {
  deployFlow,
  serve,
  type DeploymentOptions,
  type DeployOptions,
  type RunnerDeployment,
  type ServeOptions,
} from "./deployments.js";
import { callerFile } from "./source-file.js";
import { registry } from "./registry.js";

const FLOW_MARK = Symbol.for("ordo.flow");

/** A flow: call it with its parameters, or use `.state(params)`. */
export interface Flow<P, R> {
  /** Runs the flow now, in-process, and returns its value; throws its failure. */
  (params?: P): Promise<Awaited<R>>;
  /** Runs the flow and returns its final State (with `flowRunId`); never throws for a flow failure. */
  state(params?: P): Promise<State<Awaited<R>>>;
  /** The JSON Schema of the parameters, for deployments and forms. */
  parameterSchema(): Record<string, unknown>;
  /** The flow's name. */
  readonly flowName: string;
  /** The flow's options. */
  readonly options: FlowOptions;
  /** Where the flow was loaded from (`/abs/file.ts:export`), set by `ordo run`. */
  entrypoint: string | undefined;
  /** @internal The engine's definition. */
  readonly definition: FlowDefinition;
  /** A deployment of this flow, for {@link serve}. */
  toDeployment(options: DeploymentOptions): RunnerDeployment;
  /** Serves one deployment of this flow until SIGINT/SIGTERM (see {@link serve}). */
  serve(options: DeploymentOptions & ServeOptions): Promise<void>;
  /** Registers a deployment of this flow for the workers of a work pool. */
  deploy(options: DeployOptions): Promise<Deployment>;
}

/** True for a value made by {@link flow}. */
export function isFlow(value: unknown): value is Flow<unknown, unknown> {
  return typeof value === "function" && (value as unknown as Record<symbol, unknown>)[FLOW_MARK] === true;
}

/** Parameters of a flow whose options have a `params` schema. */
type ParamsOf<S> = S extends z.ZodType ? z.input<S> : Record<string, unknown>;

/**
 * Defines a flow.
 *
 * @example
 * ```ts
 * const etl = flow(
 *   { name: "etl", params: z.object({ n: z.number().default(5) }), retries: 1 },
 *   async ({ n }) => n * 2,
 * );
 * await etl({ n: 3 }); // 6
 * ```
 */
export function flow<S extends z.ZodType, R>(
  options: FlowOptions<S> & { readonly params: S },
  fn: (params: z.output<S>) => R,
): Flow<z.input<S>, R>;
export function flow<P extends Record<string, unknown> = Record<string, never>, R = unknown>(
  options: FlowOptions<undefined>,
  fn: (params: P) => R,
): Flow<P, R>;
export function flow<P extends Record<string, unknown> = Record<string, never>, R = unknown>(
  fn: (params: P) => R,
): Flow<P, R>;
export function flow<S extends z.ZodType | undefined, R>(
  optionsOrFn: FlowOptions<S> | ((params: never) => R),
  maybeFn?: (params: never) => R,
): Flow<ParamsOf<S>, R> {
  const options: FlowOptions = typeof optionsOrFn === "function" ? {} : optionsOrFn;
  const fn = typeof optionsOrFn === "function" ? optionsOrFn : maybeFn;
  if (typeof fn !== "function") throw new OrdoError("ORDO_INVALID_INPUT", "flow() needs a function");
  const name = options.name ?? (fn.name || "anonymous-flow");
  const def: FlowDefinition = { name, fn, options, entrypoint: undefined, sourceFile: callerFile() };
  registry.flows.set(name, def);

  type V = Awaited<R>;
  const run = async (params?: ParamsOf<S>) => {
    const config = await engineConfig();
    const outcome = await runFlow(def, params ?? {}, config);
    return { outcome, config };
  };
  const call = async (params?: ParamsOf<S>): Promise<V> => {
    const { outcome, config } = await run(params);
    return valueOf<V>(outcome, resultReader(config));
  };
  const state = async (params?: ParamsOf<S>): Promise<State<V>> => {
    const { outcome, config } = await run(params);
    return stateOf<V>(outcome, resultReader(config));
  };
  const flowObject = Object.assign(call, {
    state,
    parameterSchema: () => parameterJsonSchema(def),
    flowName: name,
    options,
    definition: def,
    toDeployment: (deployment: DeploymentOptions): RunnerDeployment => ({
      definition: def,
      options: deployment,
    }),
    serve: (deployment: DeploymentOptions & ServeOptions) =>
      serve({ definition: def, options: deployment }, deployment),
    deploy: (deployment: DeployOptions) => deployFlow(def, deployment),
    [FLOW_MARK]: true as const,
  });
  // `etl.name` is the flow's name, as for any named function.
  Object.defineProperty(flowObject, "name", { value: name, configurable: true });
  Object.defineProperty(flowObject, "entrypoint", {
    get: () => def.entrypoint,
    set: (value: string | undefined) => {
      def.entrypoint = value;
    },
    enumerable: true,
  });
  return flowObject as unknown as Flow<ParamsOf<S>, R>;
}
