/**
 * Flows: named workflow definitions.
 *
 * @module
 */
import { z } from "zod";
import { FlowFilterSchema, type Flow, type FlowFilter } from "../schemas/index.js";
import type { FlowsTable } from "../store/database.js";
import type { Store } from "../store/index.js";
import { readJson } from "../store/sql-executor.js";
import { notFound, parseInput } from "./errors.js";
import { compileJsonSchema } from "./json-schema-validation.js";

const EnsureFlowSchema = z.object({
  name: z.string().min(1).max(200),
  tags: z.array(z.string().max(200)).max(100).optional(),
  parameterSchema: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Creates the flow named `name` if it does not exist yet (updating its tags when given)
 * and returns it.
 *
 * @example
 * ```ts
 * const flow = await ensureFlow(store, { name: "etl" });
 * ```
 */
export async function ensureFlow(
  store: Store,
  input: {
    name: string;
    tags?: readonly string[] | undefined;
    parameterSchema?: Record<string, unknown> | undefined;
  },
): Promise<Flow> {
  const { name, tags, parameterSchema } = parseInput(EnsureFlowSchema, input, "flow");
  // A schema stored already was checked then: each run of an unchanged flow sends it again.
  const stored = parameterSchema === undefined ? undefined : await store.records.flowSchemas.get(name);
  const unchanged = stored !== undefined && JSON.stringify(stored) === JSON.stringify(parameterSchema);
  if (parameterSchema !== undefined && !unchanged) compileJsonSchema(parameterSchema, "parameterSchema");
  const flow = await store.ensureFlow({ name, tags, createdAt: Date.now() });
  if (parameterSchema === undefined) return flow;
  if (!unchanged) await store.records.flowSchemas.set(name, parameterSchema);
  return { ...flow, parameterSchema };
}

/** A flow's stored parameter JSON Schema, or undefined. */
export function readFlowParameterSchema(
  store: Store,
  name: string,
): Promise<Record<string, unknown> | undefined> {
  return store.records.flowSchemas.get(name);
}

/**
 * The flow named `name`, with its parameter schema; throws `ORDO_NOT_FOUND` when there is
 * no such flow.
 */
export async function readFlow(store: Store, name: string): Promise<Flow> {
  const [flow] = await store.executor.all(
    store.executor.qb.selectFrom("flows").selectAll().where("name", "=", name),
  );
  if (flow === undefined) throw notFound("flow", name);
  return flowFromRow(store, flow);
}

/**
 * Flows by name (A to Z), optionally those whose name starts with `namePrefix`, each with
 * its parameter schema.
 *
 * @example
 * ```ts
 * const flows = await readFlows(store, { namePrefix: "etl", limit: 20 });
 * ```
 */
export async function readFlows(store: Store, filter: FlowFilter = {}): Promise<Flow[]> {
  const { namePrefix, limit, offset } = parseInput(FlowFilterSchema, filter, "flow filter");
  let query = store.executor.qb.selectFrom("flows").selectAll().orderBy("name").limit(limit).offset(offset);
  if (namePrefix !== undefined) {
    // A range on the indexed name rather than LIKE, whose escaping differs between databases.
    query = query.where("name", ">=", namePrefix).where("name", "<", `${namePrefix}\u{10ffff}`);
  }
  const rows = await store.executor.all(query);
  return rows.map((row) => flowFromRow(store, row));
}

function flowFromRow(store: Store, row: FlowsTable): Flow {
  const schema = row.parameter_schema;
  return {
    id: row.id,
    name: row.name,
    tags: readJson<string[]>(store.executor.dialect, row.tags),
    createdAt: Number(row.created_at),
    ...(schema === null || schema === undefined
      ? {}
      : { parameterSchema: readJson<Record<string, unknown>>(store.executor.dialect, schema) }),
  };
}
