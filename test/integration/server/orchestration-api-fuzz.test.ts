/**
 * Property: the orchestration write endpoints never answer 5xx, answer every rejection as
 * `{ error: { code, message } }`, and write nothing when they reject a request.
 *
 * Covered: deployments (create, update with pause/resume and schedules, one schedule added
 * or changed, runs by id and by name, backfill, claims by `serve` processes), work pools (create, update, queues,
 * worker heartbeats, claims), tag and global concurrency limits (create, update, acquire,
 * renew, release) and flow runs by id (cancel, mark cancelled, attach a process, resume,
 * set state, start). Each route gets a valid body with one to three mutations (a field
 * set to a wrong type, a huge, negative or infinite number, a NaN-like or very long
 * string, a deeply nested value, null or an array; a field removed; an unknown key added;
 * a value wrapped in an array), or any value at all; bytes that are not JSON; and odd path
 * parameters (ids that are not UUIDs, names with slashes, unicode, bad percent-escapes,
 * very long ones).
 *
 * "Writes nothing" means: the row counts of the orchestration tables are unchanged, the
 * rows of their small tables (deployments, schedules, pools, queues, workers, limits,
 * leases) are unchanged, and no flow run was updated.
 */
import BetterSqlite3 from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type AppHarness } from "./app-harness.js";

/** JSON text put into a body verbatim: nesting deeper than `JSON.stringify` goes, `1e999`. */
class RawJson {
  constructor(readonly text: string) {}

  /** How fast-check shows it in a counterexample: short. */
  [fc.toStringMethod](): string {
    return `RawJson(${this.text.length} chars: ${this.text.slice(0, 24)}…)`;
  }
}
/** A body: JSON, with raw text where needed (a key holding `undefined` is left out, as by `JSON.stringify`). */
type Json = null | boolean | number | string | RawJson | Json[] | { [key: string]: Json | undefined };
type Path = readonly (string | number)[];
type Method = "GET" | "POST" | "PATCH" | "DELETE";

function toJson(value: Json): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .flatMap(([key, item]) => (item === undefined ? [] : [`${JSON.stringify(key)}:${toJson(item)}`]))
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------
// The app, its database, and what "writes nothing" compares.

let h: AppHarness;
let db: BetterSqlite3.Database;

/** Tables whose row counts a rejected request must not change. */
const COUNTED = [
  "flows",
  "flow_runs",
  "flow_run_states",
  "task_runs",
  "events",
  "deployments",
  "deployment_schedules",
  "work_pools",
  "work_queues",
  "workers",
  "concurrency_limits",
  "concurrency_leases",
];
/** Small tables whose rows a rejected request must not change. */
const COMPARED = [
  "deployments",
  "deployment_schedules",
  "work_pools",
  "work_queues",
  "workers",
  "concurrency_limits",
  "concurrency_leases",
];

/** What a rejected request must leave as it was, read from `database`. */
function snapshot(database: BetterSqlite3.Database = db): unknown {
  return {
    counts: Object.fromEntries(
      COUNTED.map((t) => [t, (database.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
    ),
    rows: Object.fromEntries(
      COMPARED.map((t) => [t, database.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]),
    ),
    lastRunUpdate: database.prepare("SELECT max(updated_at) AS at FROM flow_runs").get(),
  };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Sends a request and checks the property: no 5xx; a 4xx has the error body and left the
 * database as it was. Returns the status.
 */
async function expectSafeAnswer(
  method: Method,
  path: string,
  body?: string,
  contentType: string | undefined = "application/json",
): Promise<number> {
  const before = snapshot();
  const hasBody = body !== undefined && method !== "GET";
  const res = await h.app.request(path, {
    method,
    headers: hasBody && contentType !== undefined ? { "content-type": contentType } : {},
    body: hasBody ? body : undefined,
  });
  const text = await res.text();
  const shown = `${method} ${path.slice(0, 300)} ${(body ?? "").slice(0, 300)} → ${res.status} ${text.slice(0, 600)}`;
  expect(res.status, shown).toBeLessThan(500);
  if (res.status >= 400) {
    expect(parsed(text), shown).toMatchObject({
      error: { code: expect.stringMatching(/^ORDO_[A-Z_]+$/), message: expect.any(String) },
    });
    expect(snapshot(), shown).toEqual(before);
  }
  return res.status;
}

/** Sends JSON through the app, for seeding; fails the test on an error answer. */
async function seed<T>(method: Method, path: string, body?: Json): Promise<T> {
  const res = await h.json(method, path, body === undefined ? undefined : JSON.parse(toJson(body)));
  if (res.status >= 400)
    throw new Error(`seeding ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

// ---------------------------------------------------------------------------------------
// What the routes need: a pool with a queue and a worker, deployments, limits, runs.

const POOL = "fuzz-pool";
const PATCHED_POOL = "fuzz-patch-pool";
const FLOW = "fuzz-flow";
const LIMIT = "fuzz-limit";
const TAG = "fuzz-tag";
const HOLDER = "fuzz-holder";
const HOUR = 3_600_000;
const YEAR_SECONDS = 31_536_000;
const PARAMETER_SCHEMA = {
  type: "object",
  properties: { n: { type: "integer", minimum: 0 } },
  additionalProperties: false,
};
const JOB_TEMPLATE = {
  variables: {
    type: "object",
    properties: { env: { type: "object", additionalProperties: { type: "string" } } },
  },
};
const INPUT_SCHEMA = {
  type: "object",
  properties: { approved: { type: "boolean" } },
  required: ["approved"],
};
const WAITING_PROCESS = { host: "fuzz-host", pid: 4242, entrypoint: "flows/etl.ts:etl", job: { env: {} } };

const ids = { patchTarget: "", runTarget: "", backfillTarget: "", schedulesTarget: "", parentRun: "" };

async function createDeployment(name: string, extra: Record<string, Json> = {}): Promise<string> {
  const created = await seed<{ id: string }>("POST", "/api/deployments", {
    flowName: FLOW,
    name,
    entrypoint: "flows/etl.ts:etl",
    workPoolName: POOL,
    parameterSchema: PARAMETER_SCHEMA,
    parameters: { n: 1 },
    ...extra,
  });
  return created.id;
}

/** The states a fresh flow run can be made in, for the routes that act on one run. */
const RUN_KINDS = [
  "scheduled",
  "claimed",
  "pending",
  "running",
  "paused",
  "paused-for-input",
  "suspended",
  "cancelling",
  "completed",
] as const;
type RunKind = (typeof RUN_KINDS)[number];

function stateOf(kind: Exclude<RunKind, "paused-for-input">, now: number): Json {
  switch (kind) {
    case "scheduled":
      return { type: "SCHEDULED", name: "Scheduled", timestamp: now, scheduledTime: now };
    case "claimed":
      return { type: "PENDING", name: "InfrastructurePending", timestamp: now };
    case "pending":
      return { type: "PENDING", name: "Pending", timestamp: now };
    case "running":
      return { type: "RUNNING", name: "Running", timestamp: now };
    case "paused":
      return { type: "PAUSED", name: "Paused", timestamp: now };
    case "suspended":
      return { type: "PAUSED", name: "Suspended", timestamp: now };
    case "cancelling":
      return { type: "CANCELLING", name: "Cancelling", timestamp: now };
    case "completed":
      return { type: "COMPLETED", name: "Completed", timestamp: now };
  }
}

/** A new flow run in the state `kind`; a run paused for input waits for `{ approved }`. */
async function freshRun(kind: RunKind): Promise<string> {
  const now = Date.now();
  const run = await seed<{ id: string }>("POST", "/api/flow_runs", {
    flowName: FLOW,
    name: `fuzz-${kind}`,
    state: stateOf(kind === "paused-for-input" ? "running" : kind, now),
  });
  if (kind === "paused-for-input") {
    await seed("POST", `/api/flow_runs/${run.id}/set_state`, {
      state: { type: "PAUSED", name: "Paused", timestamp: now },
      pause: { key: "approval", timeoutAt: now + HOUR, inputSchema: INPUT_SCHEMA },
    });
  }
  return run.id;
}

/** The path of a flow-run route, on a fresh run whose state `pick` chooses. */
function onFreshRun(action: string): (pick: number) => Promise<string> {
  return async (pick) => `/api/flow_runs/${await freshRun(RUN_KINDS[pick % RUN_KINDS.length]!)}/${action}`;
}

beforeAll(async () => {
  h = await openApp();
  db = new BetterSqlite3(h.dbPath, { readonly: true });
  await seed("POST", "/api/work_pools", { name: POOL, baseJobTemplate: JOB_TEMPLATE });
  await seed("POST", `/api/work_pools/${POOL}/queues`, { name: "q1" });
  await seed("POST", `/api/work_pools/${POOL}/workers/heartbeat`, { name: "w1" });
  await seed("POST", "/api/work_pools", { name: PATCHED_POOL });
  ids.patchTarget = await createDeployment("patch-target", {
    schedules: [{ interval: YEAR_SECONDS }],
  });
  ids.runTarget = await createDeployment("run-target", { workQueueName: "q1" });
  ids.backfillTarget = await createDeployment("backfill-target", {
    schedules: [{ cron: "0 0 1 1 *", timezone: "UTC" }],
  });
  ids.schedulesTarget = await createDeployment("schedules-target", {
    schedules: [{ interval: YEAR_SECONDS, slug: "yearly" }],
  });
  await seed("POST", "/api/global_concurrency_limits", { name: LIMIT, limit: 5 });
  await seed("POST", "/api/concurrency_limits", { tag: TAG, concurrencyLimit: 5 });
  ids.parentRun = await freshRun("running");
});

afterAll(async () => {
  db.close();
  await h.close();
});

// ---------------------------------------------------------------------------------------
// The routes, each with a valid body.

interface RouteCase {
  readonly method: "POST" | "PATCH";
  /** The route, as declared. */
  readonly route: string;
  /** The path to send to; `pick` chooses among targets (a fresh run's state). */
  readonly path: (pick: number) => Promise<string>;
  /** A body the route accepts. */
  readonly valid: () => Json;
}

const at = (path: string) => () => Promise.resolve(path);

const deploymentRunBody = (): Json => ({
  name: "fuzzed-run",
  parameters: { n: 4 },
  scheduledTime: Date.now(),
  tags: ["fuzz"],
  jobVariables: { env: { C: "3" } },
  parentFlowRunId: ids.parentRun,
});

const ROUTES: readonly RouteCase[] = [
  {
    method: "POST",
    route: "/api/deployments",
    path: at("/api/deployments"),
    valid: () => ({
      flowName: "fuzz-created",
      name: "nightly",
      description: "made by the fuzz",
      version: "1",
      entrypoint: "flows/etl.ts:etl",
      source: { kind: "git", url: "https://github.com/acme/flows.git", ref: "main", subdirectory: "jobs" },
      parameters: { n: 1 },
      parameterSchema: PARAMETER_SCHEMA,
      tags: ["fuzz"],
      workPoolName: POOL,
      workQueueName: "q1",
      jobVariables: { env: { A: "1" } },
      retries: 1,
      concurrencyLimit: 2,
      collisionStrategy: "ENQUEUE",
      stalePolicy: "EXPIRE",
      staleAfterSeconds: 60,
      paused: false,
      schedules: [
        {
          cron: "0 0 1 1 *",
          timezone: "Europe/Berlin",
          dayOr: true,
          active: true,
          parameters: { n: 2 },
          slug: "yearly",
        },
        { interval: YEAR_SECONDS, anchorDate: "2024-01-01T00:00:00", timezone: "UTC" },
        { rrule: "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1", timezone: "UTC" },
      ],
    }),
  },
  {
    method: "PATCH",
    route: "/api/deployments/{id}",
    path: async () => `/api/deployments/${ids.patchTarget}`,
    valid: () => ({
      description: "patched",
      version: "2",
      parameters: { n: 3 },
      tags: ["patched"],
      jobVariables: { env: { B: "2" } },
      concurrencyLimit: null,
      collisionStrategy: "CANCEL_NEW",
      paused: false,
      schedules: [{ interval: YEAR_SECONDS, parameters: { n: 4 }, slug: "yearly" }],
    }),
  },
  {
    method: "POST",
    route: "/api/deployments/{id}/schedules",
    path: async () => `/api/deployments/${ids.schedulesTarget}/schedules`,
    valid: () => [
      { cron: "0 0 1 1 *", timezone: "Europe/Berlin", dayOr: true, active: false, parameters: { n: 2 } },
      { rrule: "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1", timezone: "UTC", active: false },
    ],
  },
  {
    method: "PATCH",
    route: "/api/deployments/{id}/schedules/{schedule}",
    path: async () => `/api/deployments/${ids.schedulesTarget}/schedules/yearly`,
    valid: () => ({
      schedule: { interval: YEAR_SECONDS, anchorDate: "2024-01-01T00:00:00", timezone: "UTC" },
      active: true,
      parameters: { n: 5 },
      slug: "yearly",
    }),
  },
  {
    method: "POST",
    route: "/api/deployments/{id}/create_flow_run",
    path: async () => `/api/deployments/${ids.runTarget}/create_flow_run`,
    valid: deploymentRunBody,
  },
  {
    method: "POST",
    route: "/api/deployments/name/{flow}/{name}/create_flow_run",
    path: at(`/api/deployments/name/${FLOW}/run-target/create_flow_run`),
    valid: deploymentRunBody,
  },
  {
    method: "POST",
    route: "/api/deployments/{id}/backfill",
    path: async () => `/api/deployments/${ids.backfillTarget}/backfill`,
    valid: () => ({ from: Date.now() - 3 * 365 * 24 * HOUR, to: Date.now(), maxRuns: 5 }),
  },
  {
    method: "POST",
    route: "/api/deployments/claim",
    path: at("/api/deployments/claim"),
    valid: () => ({
      deploymentIds: [ids.runTarget],
      workerName: "serve-1",
      limit: 2,
      prefetchSeconds: 5,
      waitSeconds: 0,
      startIn: [WAITING_PROCESS],
    }),
  },
  {
    method: "POST",
    route: "/api/work_pools",
    path: at("/api/work_pools"),
    valid: () => ({
      name: "fuzz-new-pool",
      type: "process",
      description: "made by the fuzz",
      paused: false,
      concurrencyLimit: 3,
      baseJobTemplate: JOB_TEMPLATE,
    }),
  },
  {
    method: "PATCH",
    route: "/api/work_pools/{name}",
    path: at(`/api/work_pools/${PATCHED_POOL}`),
    valid: () => ({
      description: "patched",
      paused: false,
      concurrencyLimit: null,
      baseJobTemplate: JOB_TEMPLATE,
    }),
  },
  {
    method: "POST",
    route: "/api/work_pools/{name}/queues",
    path: at(`/api/work_pools/${POOL}/queues`),
    valid: () => ({
      name: "fuzz-new-queue",
      description: "made by the fuzz",
      priority: 2,
      concurrencyLimit: 1,
      paused: false,
    }),
  },
  {
    method: "PATCH",
    route: "/api/work_pools/{name}/queues/{queue}",
    path: at(`/api/work_pools/${POOL}/queues/q1`),
    valid: () => ({ description: "patched", priority: 3, concurrencyLimit: null, paused: false }),
  },
  {
    method: "POST",
    route: "/api/work_pools/{name}/workers/heartbeat",
    path: at(`/api/work_pools/${POOL}/workers/heartbeat`),
    valid: () => ({ name: "w1", heartbeatIntervalSeconds: 30, stopped: false }),
  },
  {
    method: "POST",
    route: "/api/work_pools/{name}/claim",
    path: at(`/api/work_pools/${POOL}/claim`),
    valid: () => ({
      workerName: "w1",
      workQueueNames: ["default", "q1"],
      limit: 2,
      prefetchSeconds: 5,
      waitSeconds: 0,
      startIn: [WAITING_PROCESS],
    }),
  },
  {
    method: "POST",
    route: "/api/concurrency_limits",
    path: at("/api/concurrency_limits"),
    valid: () => ({ tag: TAG, concurrencyLimit: 5 }),
  },
  {
    method: "POST",
    route: "/api/concurrency_limits/acquire",
    path: at("/api/concurrency_limits/acquire"),
    valid: () => ({
      tags: [TAG],
      names: [LIMIT],
      holder: HOLDER,
      slots: 1,
      mode: "lease",
      leaseSeconds: 60,
      waitSeconds: 0,
      strict: false,
    }),
  },
  {
    method: "POST",
    route: "/api/concurrency_limits/renew",
    path: at("/api/concurrency_limits/renew"),
    valid: () => ({ holder: HOLDER, leaseSeconds: 60 }),
  },
  {
    method: "POST",
    route: "/api/concurrency_limits/release",
    path: at("/api/concurrency_limits/release"),
    valid: () => ({ holder: HOLDER }),
  },
  {
    method: "POST",
    route: "/api/global_concurrency_limits",
    path: at("/api/global_concurrency_limits"),
    valid: () => ({ name: "fuzz-new-limit", limit: 3, active: true, slotDecayPerSecond: 0.5 }),
  },
  {
    method: "PATCH",
    route: "/api/global_concurrency_limits/{name}",
    path: at(`/api/global_concurrency_limits/${LIMIT}`),
    valid: () => ({ limit: 10, active: true, slotDecayPerSecond: 0 }),
  },
  {
    method: "POST",
    route: "/api/flow_runs/{id}/cancel",
    path: onFreshRun("cancel"),
    valid: () => ({ reason: "stopped by the fuzz" }),
  },
  {
    method: "POST",
    route: "/api/flow_runs/{id}/mark_cancelled",
    path: onFreshRun("mark_cancelled"),
    valid: () => ({ reason: "its process is gone" }),
  },
  {
    method: "POST",
    route: "/api/flow_runs/{id}/process",
    path: onFreshRun("process"),
    valid: () => ({ host: "fuzz-host", pid: 4242 }),
  },
  {
    method: "POST",
    route: "/api/flow_runs/{id}/resume",
    path: onFreshRun("resume"),
    valid: () => ({ input: { approved: true } }),
  },
  {
    method: "POST",
    route: "/api/flow_runs/{id}/set_state",
    path: onFreshRun("set_state"),
    valid: () => ({
      state: { type: "RUNNING", name: "Running", timestamp: Date.now() },
      force: false,
      idempotencyKey: "fuzz-key",
      process: { host: "fuzz-host", pid: 4242 },
    }),
  },
  {
    method: "POST",
    route: "/api/flow_runs/{id}/start",
    path: onFreshRun("start"),
    valid: () => ({ process: { host: "fuzz-host", pid: 4242 }, idempotencyKey: "fuzz-start" }),
  },
];

// ---------------------------------------------------------------------------------------
// Bodies: a valid one, mutated.

const LONG_STRING = "x".repeat(70_000);
const nest = (depth: number, open: string, close: string, leaf: string) =>
  new RawJson(open.repeat(depth) + leaf + close.repeat(depth));

/** Values that break assumptions: wrong types, extremes, NaN-like text, deep nesting. */
const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom<Json>(
      null,
      true,
      false,
      0,
      -1,
      0.5,
      -0.5,
      1e21,
      -1e21,
      1e308,
      -1e308,
      2 ** 31,
      2 ** 53,
      -(2 ** 53),
      8.64e15 + 1,
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      -8.64e15,
      Number.MIN_VALUE,
      "",
      " ",
      "NaN",
      "Infinity",
      "-Infinity",
      "1e309",
      "0x1F",
      "-1",
      "null",
      "true",
      "__proto__",
      "constructor",
      "\u0000",
      "\uD800",
      "../../etc/passwd",
      "'; DROP TABLE flow_runs; --",
      "a/b",
      "😀".repeat(50),
      LONG_STRING,
      new RawJson("1e999"),
      new RawJson("-1e999"),
      new RawJson("1e-999"),
      [],
      {},
      [null],
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom(64, 65, 1_000, 100_000)
      .chain((depth) => fc.constantFrom(nest(depth, '{"a":', "}", "1"), nest(depth, "[", "]", "1"))),
  },
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 5 }),
);

const unknownKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("__proto__", "constructor", "prototype", "id", "createdAt", "extra"),
);

type Mutation =
  | { readonly kind: "set"; readonly path: Path; readonly value: Json }
  | { readonly kind: "delete"; readonly path: Path }
  | { readonly kind: "add"; readonly path: Path; readonly key: string; readonly value: Json }
  | { readonly kind: "wrap"; readonly path: Path };

/** Every path into `value`, the root (`[]`) first. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  const here: Path[] = [prefix];
  if (value instanceof RawJson || value === null || typeof value !== "object") return here;
  const entries: [string | number, Json | undefined][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  return here.concat(
    ...entries.flatMap(([key, item]) => (item === undefined ? [] : [pathsOf(item, [...prefix, key])])),
  );
}

function isContainer(value: Json | undefined): value is Json[] | { [key: string]: Json | undefined } {
  return value !== null && typeof value === "object" && !(value instanceof RawJson);
}

function nodeAt(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const key of path) {
    // Own properties only: a removed own `__proto__` must not lead to Object.prototype.
    if (!isContainer(node) || !Object.hasOwn(node, key)) return undefined;
    node = Array.isArray(node) ? node[Number(key)] : node[String(key)];
  }
  return node;
}

/**
 * A deep copy (keeping raw text): generated values are shared (constants, shrinking), so a
 * body is built from copies and never changes a value that another body may hold.
 */
function cloneJson(value: Json): Json {
  if (value instanceof RawJson || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, item]) => (item === undefined ? [] : [[key, cloneJson(item)]])),
  );
}

/** Sets a property as an own, enumerable one (also `__proto__`). */
function put(target: Json[] | { [key: string]: Json | undefined }, key: string | number, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `body` with `mutation` applied in place (a path that is gone by now is skipped); returns the body. */
function applyMutation(body: Json, mutation: Mutation): Json {
  const { path } = mutation;
  if (path.length === 0) {
    if (mutation.kind === "set") return cloneJson(mutation.value);
    if (mutation.kind === "wrap") return [body];
    if (mutation.kind === "add" && isContainer(body) && !Array.isArray(body)) {
      put(body, mutation.key, cloneJson(mutation.value));
    }
    return body;
  }
  const parent = nodeAt(body, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (!isContainer(parent)) return body;
  const node = nodeAt(body, path);
  switch (mutation.kind) {
    case "set":
      put(parent, key, cloneJson(mutation.value));
      break;
    case "delete":
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[String(key)];
      break;
    case "add":
      if (isContainer(node) && !Array.isArray(node)) put(node, mutation.key, cloneJson(mutation.value));
      break;
    case "wrap":
      if (node !== undefined) put(parent, key, [node]);
      break;
  }
  return body;
}

/** A claim or acquire that would long-poll is sent with `waitSeconds: 0`, to keep the run short. */
function withoutLongPoll(body: Json): Json {
  if (isContainer(body) && !Array.isArray(body)) {
    const wait = body.waitSeconds;
    if (typeof wait === "number" && wait > 0 && wait <= 30) body.waitSeconds = 0;
  }
  return body;
}

/** Bodies for a route: its valid body with one to three mutations, or any value at all. */
function bodiesFor(route: RouteCase): fc.Arbitrary<Json> {
  const paths = pathsOf(route.valid());
  const inner = paths.filter((path) => path.length > 0);
  const objects = paths.filter((path) => {
    const node = nodeAt(route.valid(), path);
    return isContainer(node) && !Array.isArray(node);
  });
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant("set" as const),
        path: fc.constantFrom(...paths),
        value: nastyValue,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant("delete" as const), path: fc.constantFrom(...inner) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("add" as const),
        path: fc.constantFrom(...objects),
        key: unknownKey,
        value: nastyValue,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant("wrap" as const), path: fc.constantFrom(...paths) }),
    },
  );
  const mutated = fc
    .array(mutation, { minLength: 1, maxLength: 3 })
    .map((mutations) => mutations.reduce(applyMutation, cloneJson(route.valid())));
  return fc
    .oneof({ weight: 8, arbitrary: mutated }, { weight: 1, arbitrary: nastyValue.map(cloneJson) })
    .map(withoutLongPoll);
}

/** Text that is not JSON (or is JSON of the wrong shape), with various content types. */
const notJson = fc.record({
  text: fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.constantFrom(
      "",
      "{",
      "[1,",
      '{"a":}',
      "NaN",
      "undefined",
      "{'name':'x'}",
      '{"name":"x"}garbage',
      '"just a string"',
      "1e999999",
      "\u0000",
      "[".repeat(100_000),
      '{"a":'.repeat(50_000),
    ),
  ),
  contentType: fc.constantFrom<string | undefined>(
    "application/json",
    "application/json; charset=utf-8",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    undefined,
  ),
});

// ---------------------------------------------------------------------------------------
// The properties.

describe.each(ROUTES)("$method $route", (route) => {
  it("never answers 5xx, and writes nothing when it rejects a body", async () => {
    await fc.assert(
      fc.asyncProperty(bodiesFor(route), fc.nat(), async (body, pick) => {
        await expectSafeAnswer(route.method, await route.path(pick), toJson(body));
      }),
      { numRuns: 80 },
    );
  });

  it("never answers 5xx, and writes nothing, for bytes that are not JSON", async () => {
    await fc.assert(
      fc.asyncProperty(notJson, fc.nat(), async ({ text, contentType }, pick) => {
        await expectSafeAnswer(route.method, await route.path(pick), text, contentType);
      }),
      { numRuns: 30 },
    );
  });
});

/** Path segments that are not ids or names the routes know (already escaped for a URL). */
const oddSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.integer({ min: 65, max: 20_000 }).map((n) => "a".repeat(n)),
  fc.constantFrom(
    "not-a-uuid",
    "00000000-0000-0000-0000-000000000000",
    "null",
    "undefined",
    "NaN",
    "-1",
    "1e999",
    "%2F",
    "a%2Fb",
    "a%2F",
    "%2Fb",
    "%2E%2E",
    "%00",
    "%",
    "%E0%A4%A",
    "%ZZ",
    "%C0%AF",
    "%F0%9F%98%80",
    "%20",
    "%20x%20",
    "tag:db",
    "__proto__",
    "constructor",
    encodeURIComponent("名前/ünïcødé"),
    encodeURIComponent("a".repeat(101)),
    encodeURIComponent("' OR '1'='1"),
    encodeURIComponent("<script>alert(1)</script>"),
  ),
);

interface ParamRoute {
  readonly method: Method;
  /** The route, with the odd parameter written `*` (replaced by each odd segment). */
  readonly route: string;
  readonly body?: () => Json;
}

const bodyOf = (route: string): (() => Json) => ROUTES.find((r) => r.route === route)!.valid;

const PARAM_ROUTES: readonly ParamRoute[] = [
  { method: "GET", route: "/api/deployments/*" },
  {
    method: "PATCH",
    route: "/api/deployments/*",
    body: bodyOf("/api/deployments/{id}"),
  },
  { method: "DELETE", route: "/api/deployments/*" },
  {
    method: "POST",
    route: "/api/deployments/*/create_flow_run",
    body: deploymentRunBody,
  },
  {
    method: "POST",
    route: "/api/deployments/*/backfill",
    body: bodyOf("/api/deployments/{id}/backfill"),
  },
  {
    method: "POST",
    route: "/api/deployments/name/*/run-target/create_flow_run",
    body: deploymentRunBody,
  },
  {
    method: "POST",
    route: `/api/deployments/name/${FLOW}/*/create_flow_run`,
    body: deploymentRunBody,
  },
  { method: "GET", route: "/api/work_pools/*" },
  {
    method: "PATCH",
    route: "/api/work_pools/*",
    body: bodyOf("/api/work_pools/{name}"),
  },
  { method: "DELETE", route: "/api/work_pools/*" },
  {
    method: "POST",
    route: "/api/work_pools/*/queues",
    body: bodyOf("/api/work_pools/{name}/queues"),
  },
  {
    method: "PATCH",
    route: `/api/work_pools/${POOL}/queues/*`,
    body: bodyOf("/api/work_pools/{name}/queues/{queue}"),
  },
  {
    method: "DELETE",
    route: `/api/work_pools/${POOL}/queues/*`,
  },
  {
    method: "POST",
    route: "/api/work_pools/*/workers/heartbeat",
    body: bodyOf("/api/work_pools/{name}/workers/heartbeat"),
  },
  {
    method: "DELETE",
    route: `/api/work_pools/${POOL}/workers/*`,
  },
  {
    method: "POST",
    route: "/api/work_pools/*/claim",
    body: bodyOf("/api/work_pools/{name}/claim"),
  },
  { method: "GET", route: "/api/concurrency_limits/tag/*" },
  {
    method: "DELETE",
    route: "/api/concurrency_limits/tag/*",
  },
  {
    method: "PATCH",
    route: "/api/global_concurrency_limits/*",
    body: bodyOf("/api/global_concurrency_limits/{name}"),
  },
  {
    method: "DELETE",
    route: "/api/global_concurrency_limits/*",
  },
  ...(["cancel", "mark_cancelled", "process", "resume", "set_state", "start"] as const).map(
    (action): ParamRoute => ({
      method: "POST",
      route: `/api/flow_runs/*/${action}`,
      body: bodyOf(`/api/flow_runs/{id}/${action}`),
    }),
  ),
];

describe.each(PARAM_ROUTES)("$method $route with an odd path parameter", (route) => {
  it("never answers 5xx, and writes nothing when it rejects the request", async () => {
    await fc.assert(
      fc.asyncProperty(oddSegment, async (segment) => {
        const body = route.body === undefined ? undefined : toJson(route.body());
        await expectSafeAnswer(
          route.method,
          route.route.replace("*", () => segment),
          body,
        );
      }),
      { numRuns: 40 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// Regressions: what the fuzz (and probes of the routes' code paths) found, as examples, on
// an app of their own.

describe("regressions found by fuzzing the orchestration routes", () => {
  let r: AppHarness;
  let rdb: BetterSqlite3.Database;
  beforeAll(async () => {
    r = await openApp();
    rdb = new BetterSqlite3(r.dbPath, { readonly: true });
  });
  afterAll(async () => {
    rdb.close();
    await r.close();
  });

  /** Sends JSON text as is; answers the status and the parsed body. */
  async function send(
    method: Method,
    path: string,
    text: string,
  ): Promise<{ status: number; body: unknown }> {
    const res = await r.app.request(path, {
      method,
      headers: { "content-type": "application/json" },
      body: text,
    });
    return { status: res.status, body: parsed(await res.text()) };
  }

  /** `{"a":{"a":…1…}}`, `depth` objects deep: far more than `JSON.stringify` or ajv can recurse. */
  const deep = (depth = 100_000) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

  async function expectRefused(
    method: Method,
    path: string,
    text: string,
    code = "ORDO_INVALID_INPUT",
  ): Promise<{ status: number; body: unknown }> {
    const before = snapshot(rdb);
    const answer = await send(method, path, text);
    expect(answer.body).toMatchObject({ error: { code } });
    expect(answer.status).toBe(code === "ORDO_NOT_FOUND" ? 404 : 422);
    expect(snapshot(rdb)).toEqual(before);
    return answer;
  }

  it("refuses JSON nested 100,000 deep in a deployment's parameter schema or schedule parameters (422, was 500 after writing the deployment)", async () => {
    await r.json("POST", "/api/work_pools", { name: "deep-pool" });
    const created = await r.json("POST", "/api/deployments", {
      flowName: "deep",
      name: "target",
      entrypoint: "flows/deep.ts:deep",
      schedules: [{ interval: YEAR_SECONDS }],
    });
    const id = (created.body as { id: string }).id;
    const fields = '"flowName":"deep","name":"new","entrypoint":"flows/deep.ts:deep"';
    await expectRefused("POST", "/api/deployments", `{${fields},"parameterSchema":${deep()}}`);
    await expectRefused(
      "POST",
      "/api/deployments",
      `{${fields},"schedules":[{"interval":60,"parameters":{"n":${deep()}}}]}`,
    );
    await expectRefused(
      "PATCH",
      `/api/deployments/${id}`,
      `{"description":"changed","schedules":[{"interval":60,"parameters":{"n":${deep()}}}]}`,
    );
    expect((await r.json("GET", "/api/deployments/name/deep/new")).status).toBe(404);
  });

  it("refuses JSON nested 100,000 deep in a pool's job template, a pause's input schema or a resume input (422, was 500)", async () => {
    await r.json("POST", "/api/work_pools", { name: "template-pool" });
    const template = `{"baseJobTemplate":{"variables":{"type":"object","properties":${deep()}}}}`;
    await expectRefused("POST", "/api/work_pools", `{"name":"deep-template",${template.slice(1)}`);
    await expectRefused("PATCH", "/api/work_pools/template-pool", template);

    const now = Date.now();
    const running = await r.json("POST", "/api/flow_runs", {
      flowName: "deep",
      name: "paused",
      state: { type: "RUNNING", name: "Running", timestamp: now },
    });
    const runId = (running.body as { id: string }).id;
    const pause = (inputSchema: string) =>
      `{"state":{"type":"PAUSED","name":"Paused","timestamp":${now}},"pause":{"key":"k","timeoutAt":${now + HOUR},"inputSchema":${inputSchema}}}`;
    await expectRefused("POST", `/api/flow_runs/${runId}/set_state`, pause(deep()));
    expect(
      (await send("POST", `/api/flow_runs/${runId}/set_state`, pause(JSON.stringify(INPUT_SCHEMA)))).status,
    ).toBe(200);
    await expectRefused("POST", `/api/flow_runs/${runId}/resume`, `{"input":${deep()}}`);
    expect((await r.json("GET", `/api/flow_runs/${runId}`)).body).toMatchObject({
      state: { name: "Paused" },
    });
  });

  it("refuses JSON nested 100,000 deep in a flow run's parameters, a flow's parameter schema or a variable's value (422, was 500)", async () => {
    await expectRefused(
      "POST",
      "/api/flow_runs",
      `{"flowName":"deep","name":"r","parameters":{"n":${deep()}}}`,
    );
    await expectRefused("POST", "/api/flows", `{"name":"deep-flow","parameterSchema":${deep()}}`);
    await expectRefused("POST", "/api/variables", `{"name":"deep-var","value":${deep()}}`);
    // 64 levels are fine: the bound is on nesting, not on ordinary documents.
    const ok = (depth: number) => '{"a":'.repeat(depth - 1) + "1" + "}".repeat(depth - 1);
    expect(
      (await send("POST", "/api/flow_runs", `{"flowName":"deep","name":"r","parameters":{"n":${ok(63)}}}`))
        .status,
    ).toBe(201);
  });

  it("refuses instants past the year 9999 in a state or a log (422; a date that far cannot be written as ISO 8601)", async () => {
    const created = await r.json("POST", "/api/flow_runs", { flowName: "far", name: "far" });
    const runId = (created.body as { id: string }).id;
    const far = 9e15;
    await expectRefused(
      "POST",
      `/api/flow_runs/${runId}/set_state`,
      `{"state":{"type":"SCHEDULED","name":"Scheduled","timestamp":${Date.now()},"scheduledTime":${far}}}`,
    );
    await expectRefused(
      "POST",
      `/api/flow_runs/${runId}/set_state`,
      `{"state":{"type":"RUNNING","name":"Running","timestamp":${far}}}`,
    );
    await expectRefused(
      "POST",
      "/api/flow_runs",
      `{"flowName":"far","name":"later","state":{"type":"SCHEDULED","name":"Scheduled","timestamp":${far}}}`,
    );
    const lastMs = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    expect(new Date(lastMs).toISOString()).toBe("9999-12-31T23:59:59.999Z");
    const answer = await send(
      "POST",
      `/api/flow_runs/${runId}/set_state`,
      `{"state":{"type":"SCHEDULED","name":"Scheduled","timestamp":${Date.now()},"scheduledTime":${lastMs}}}`,
    );
    expect(answer.status).toBe(200);
  });

  it("refuses a work pool type that is a deeply nested array, naming it 'an array' (422, was a stack overflow making its message)", async () => {
    const nested = "[".repeat(100_000) + "]".repeat(100_000);
    const answer = await expectRefused("POST", "/api/work_pools", `{"name":"typed","type":${nested}}`);
    expect(answer.body).toMatchObject({
      error: { message: expect.stringContaining("an array is not a work pool type") },
    });
    const named = await send("POST", "/api/work_pools", '{"name":"typed","type":"kubernetes"}');
    expect(named.body).toMatchObject({
      error: { message: expect.stringContaining('"kubernetes" is not a work pool type') },
    });
  });

  it("creates the pool `default` only for a deployment it accepts (a refused one left the pool and its queue behind)", async () => {
    const body = {
      flowName: "etl",
      name: "to-default",
      entrypoint: "flows/etl.ts:etl",
      workPoolName: "default",
    };
    await expectRefused("POST", "/api/deployments", JSON.stringify({ ...body, jobVariables: { nope: 1 } }));
    expect((await r.json("GET", "/api/work_pools/default")).status).toBe(404);
    expect(
      (await r.json("POST", "/api/deployments", { ...body, jobVariables: { env: { A: "1" } } })).status,
    ).toBe(200);
    expect((await r.json("GET", "/api/work_pools/default/queues")).body).toMatchObject([{ name: "default" }]);
  });

  it("refuses a backfill whose schedule lacks a required parameter before it creates any run (it created the other schedule's runs, then answered 422)", async () => {
    const created = await r.json("POST", "/api/deployments", {
      flowName: "etl",
      name: "backfilled",
      entrypoint: "flows/etl.ts:etl",
      parameterSchema: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] },
      schedules: [
        { cron: "0 0 1 1 *", parameters: { n: 1 } },
        { cron: "0 0 1 7 *" }, // no `n`: accepted when written (its runs may be given one), unusable for a backfill
      ],
    });
    const id = (created.body as { id: string }).id;
    const window = JSON.stringify({ from: Date.UTC(2020, 0, 1), to: Date.UTC(2023, 0, 1) });
    await expectRefused("POST", `/api/deployments/${id}/backfill`, window, "ORDO_INVALID_PARAMETERS");
  });

  it("refuses an interval anchor or a backfill window outside the years 0000–9999 (422; the anchor made the request compute forever)", async () => {
    const body = (anchorDate: number) =>
      JSON.stringify({
        flowName: "etl",
        name: "anchored",
        entrypoint: "flows/etl.ts:etl",
        schedules: [{ interval: 0.001, anchorDate }],
      });
    await expectRefused("POST", "/api/deployments", body(Number.MIN_SAFE_INTEGER));
    await expectRefused("POST", "/api/deployments", body(Number.MAX_SAFE_INTEGER));
    const created = await r.json("POST", "/api/deployments", {
      flowName: "etl",
      name: "hourly",
      entrypoint: "flows/etl.ts:etl",
      schedules: [{ interval: 3600 }],
    });
    const id = (created.body as { id: string }).id;
    const window = JSON.stringify({ from: 0, to: Number.MAX_SAFE_INTEGER, maxRuns: 3 });
    await expectRefused("POST", `/api/deployments/${id}/backfill`, window);
  });
});
