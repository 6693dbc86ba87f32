/**
 * zod schemas of every API object: one schema per object, shared by the store, the
 * client, the server and the UI.
 *
 * @module
 */
export * from "./state.js";
export * from "./flow-run.js";
export * from "./pause.js";
export * from "./task-run.js";
export * from "./log.js";
export * from "./api.js";
export * from "./variable.js";
export * from "./json-depth.js";
export * from "./epoch-millis.js";
export * from "./concurrency-limit.js";
export * from "./artifact.js";
export * from "./event.js";
export * from "./graph.js";
export * from "./split-recorder-batch.js";
export * from "./schedule.js";
export * from "./deployment-source.js";
export * from "./bundle.js";
export * from "./work-pool.js";
export * from "./deployment.js";
