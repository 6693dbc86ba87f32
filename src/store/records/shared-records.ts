/**
 * `SharedRecords`: every record group written once for both databases, built over one
 * {@link SqlExecutor}. Each store holds one.
 *
 * @module
 */
import type { SqlExecutor } from "../sql-executor.js";
import { ArtifactRecords } from "./artifacts.js";
import { ConcurrencyLimitRecords } from "./concurrency-limits.js";
import { EventRecords } from "./events.js";
import { FlowRunGraphs } from "./flow-run-graph.js";
import { FlowRunQueries } from "./flow-run-queries.js";
import { FlowSchemas } from "./flow-schemas.js";
import { TablePositions } from "./positions.js";
import { RetentionRecords } from "./retention.js";
import { VariableRecords } from "./variables.js";
import { WorkPoolRecords } from "./work-pools.js";
import { DeploymentRecords } from "./deployments.js";
import { FlowRunClaims } from "./flow-run-claims.js";

/** The records a store serves through its {@link SqlExecutor}. */
export class SharedRecords {
  /** Variables: named JSON values. */
  readonly variables: VariableRecords;
  /** Artifacts, versioned by key. */
  readonly artifacts: ArtifactRecords;
  /** Events, append-only. */
  readonly events: EventRecords;
  /** The newest ids of the append-only tables (events, logs). */
  readonly positions: TablePositions;
  /** Flow-run pages, counts and history for people and the UI. */
  readonly flowRunQueries: FlowRunQueries;
  /** Flow-run graphs. */
  readonly graphs: FlowRunGraphs;
  /** Deleting old data in small batches. */
  readonly retention: RetentionRecords;
  /** Flows' parameter JSON Schemas. */
  readonly flowSchemas: FlowSchemas;
  /** Work pools, their queues and workers. */
  readonly workPools: WorkPoolRecords;
  /** Deployments and their schedules. */
  readonly deployments: DeploymentRecords;
  /** Due, late and active runs, for claims and services. */
  readonly claims: FlowRunClaims;
  /** Concurrency limits and their slot leases. */
  readonly concurrencyLimits: ConcurrencyLimitRecords;

  constructor(executor: SqlExecutor) {
    this.variables = new VariableRecords(executor);
    this.artifacts = new ArtifactRecords(executor);
    this.events = new EventRecords(executor);
    this.positions = new TablePositions(executor);
    this.flowRunQueries = new FlowRunQueries(executor);
    this.graphs = new FlowRunGraphs(executor);
    this.retention = new RetentionRecords(executor);
    this.flowSchemas = new FlowSchemas(executor);
    this.workPools = new WorkPoolRecords(executor);
    this.deployments = new DeploymentRecords(executor);
    this.claims = new FlowRunClaims(executor);
    this.concurrencyLimits = new ConcurrencyLimitRecords(executor);
  }
}
