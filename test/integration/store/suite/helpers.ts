/**
 * Helpers of the store conformance suite: the client type it needs, and builders of
 * states, task runs, batches and log lines.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { OrdoClient } from "../../../../src/client/ordo-client.js";
import { isOrdoError } from "../../../../src/errors/index.js";
import type { LogRecord, RecorderBatch, TaskRun } from "../../../../src/schemas/index.js";
import type { ResultRef, StateData, StateName, StateType } from "../../../../src/states/index.js";

/** What the suite needs of a client: the `OrdoClient` plus a reader of task-run state records. */
export type SuiteClient = OrdoClient & { readTaskRunStates(id: string): Promise<StateData[]> };

/**
 * Opens a client on the database named `key`. Each test passes a fresh key; passing the
 * same key again reopens the same database.
 */
export type MakeClient = (key: string) => Promise<SuiteClient>;

/** A small inline result. */
export const RESULT: ResultRef = { kind: "inline", serializer: "json", data: "42" };

/** A state as plain data. */
export function state(
  type: StateType,
  name: StateName,
  timestamp = Date.now(),
  extra: Partial<StateData> = {},
): StateData {
  return { type, name, timestamp, ...extra };
}

let taskCounter = 0;

/** A Running task run of `flowRunId` with a fresh id and dynamic key, overridable. */
export function taskRun(flowRunId: string, overrides: Partial<TaskRun> = {}): TaskRun {
  const now = overrides.updatedAt ?? Date.now();
  const key = taskCounter++;
  return {
    id: randomUUID(),
    flowRunId,
    taskKey: "extract",
    dynamicKey: String(key),
    name: `extract-${key}`,
    tags: [],
    state: state("RUNNING", "Running", now),
    stateHistory: [
      ["PENDING", "Pending", now],
      ["RUNNING", "Running", now],
    ],
    runCount: 1,
    startTime: now,
    inputs: {},
    waitFor: [],
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** A recorder batch with empty parts unless given. */
export function batch(parts: Partial<RecorderBatch>): RecorderBatch {
  return { taskRuns: [], taskRunStates: [], logs: [], ...parts };
}

/** An info log line of `flowRunId`. */
export function log(flowRunId: string, message: string, extra: Partial<LogRecord> = {}): LogRecord {
  return { flowRunId, level: 20, name: "ordo.test", message, timestamp: Date.now(), ...extra };
}

/** Expects `promise` to reject with an `OrdoError` of `code`. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isOrdoError(error), `expected an OrdoError ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

/** The pid of a process that has exited (and been reaped). */
export async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid!;
}

/**
 * What a backend does differently. Each `false` skips the cases that need it, and says
 * why where the backend runs the suite.
 */
export interface SuiteCapabilities {
  /** Opening a client marks Crashed the runs of dead processes (embedded: yes; HTTP: the server's crash-detection service does it). */
  readonly crashesMarkedOnOpen?: boolean | undefined;
  /** Parameters holding Dates, Maps and BigInts round-trip (embedded: yes; HTTP: the REST API carries plain JSON). */
  readonly richParameters?: boolean | undefined;
}

/** What each group of cases gets: a way to open clients (closed after each test). */
export interface SuiteContext {
  /** What the backend under test does differently (everything, unless said). */
  readonly capabilities: SuiteCapabilities;
  /** Opens a client on the database `key` (a fresh one when omitted). */
  open(key?: string): Promise<SuiteClient>;
  /** The key of the database opened last. */
  lastKey(): string;
}
