/**
 * `/api/variables`: named JSON values.
 *
 * @module
 */
import { createRoute, z } from "@hono/zod-openapi";
import * as api from "../../api/index.js";
import { VariableFilterSchema, VariableSchema, VariableSetSchema } from "../../schemas/index.js";
import { ERROR_ANSWERS, jsonAnswer, jsonBody } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const tags = ["Variables"];
const NameParamSchema = z.object({ name: z.string().min(1).max(255) });

const setVariable = createRoute({
  method: "post",
  path: "/api/variables",
  tags,
  summary: "Set a variable (created when missing, its value replaced otherwise)",
  request: { body: jsonBody(VariableSetSchema) },
  responses: { 200: jsonAnswer(VariableSchema, "The variable"), ...ERROR_ANSWERS },
});

const readVariable = createRoute({
  method: "get",
  path: "/api/variables/{name}",
  tags,
  summary: "Read a variable by name",
  request: { params: NameParamSchema },
  responses: { 200: jsonAnswer(VariableSchema, "The variable"), ...ERROR_ANSWERS },
});

const deleteVariable = createRoute({
  method: "delete",
  path: "/api/variables/{name}",
  tags,
  summary: "Delete a variable",
  request: { params: NameParamSchema },
  responses: { 204: { description: "Deleted" }, ...ERROR_ANSWERS },
});

const filterVariables = createRoute({
  method: "post",
  path: "/api/variables/filter",
  tags,
  summary: "List variables by name",
  request: { body: jsonBody(VariableFilterSchema) },
  responses: { 200: jsonAnswer(z.array(VariableSchema), "The variables"), ...ERROR_ANSWERS },
});

/** Registers the variable routes. */
export function registerVariableRoutes(app: OrdoApp, { store }: ServerDeps): void {
  app.openapi(setVariable, async (c) => c.json(await api.setVariable(store, c.req.valid("json")), 200));
  app.openapi(filterVariables, async (c) => c.json(await api.readVariables(store, c.req.valid("json")), 200));
  app.openapi(readVariable, async (c) =>
    c.json(await api.readVariable(store, c.req.valid("param").name), 200),
  );
  app.openapi(deleteVariable, async (c) => {
    await api.deleteVariable(store, c.req.valid("param").name);
    return c.body(null, 204);
  });
}
