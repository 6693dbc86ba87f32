/**
 * The process-wide registry of flows and tasks, on `globalThis` under a `Symbol.for`
 * key so one process never holds two registries.
 *
 * @module
 */
import type { FlowDefinition, TaskDefinition } from "../engine/definitions.js";

/** Flows and tasks defined in this process, by name. */
export interface Registry {
  readonly flows: Map<string, FlowDefinition>;
  readonly tasks: Map<string, TaskDefinition>;
}

const KEY = Symbol.for("ordo.registry");
const g = globalThis as typeof globalThis & { [KEY]?: Registry };

/** The process-wide registry. */
export const registry: Registry = (g[KEY] ??= { flows: new Map(), tasks: new Map() });
