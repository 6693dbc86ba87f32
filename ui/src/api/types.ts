/**
 * The API's object types, taken from the server's zod schemas (type-only: nothing of the
 * server is bundled). One source of truth for the server, the client and the UI.
 *
 * @module
 */
export type * from "../../../src/schemas/index.js";
export type { StateType, StateName } from "../../../src/states/state-type.js";
export type { StateData, ErrorInfo } from "../../../src/states/state-data.js";
