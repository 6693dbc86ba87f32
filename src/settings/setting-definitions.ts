/**
 * Every setting Ordo reads, in one table: name, description, default and parser. The
 * settings page of the docs, `ordo config view` and validation all come from here.
 *
 * @module
 */
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_TASK_RUN_EVENTS, TaskRunEventsSchema, type TaskRunEvents } from "../schemas/event.js";
import { LogLevel, type LogLevelName } from "../schemas/log.js";
import { defineSetting } from "./setting-definition.js";

const LOG_LEVEL_NAMES = Object.keys(LogLevel) as [LogLevelName, ...LogLevelName[]];

/** Expands a leading `~` to the user's home folder and makes the path absolute. */
function toAbsolutePath(raw: string): string {
  const expanded = raw === "~" ? homedir() : raw.startsWith("~/") ? join(homedir(), raw.slice(2)) : raw;
  return isAbsolute(expanded) ? expanded : resolve(expanded);
}

/** Raw text → an integer in `[min, max]`. */
function integerText(min: number, max = Number.MAX_SAFE_INTEGER) {
  return z
    .string()
    .trim()
    .regex(/^\+?\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** Raw text → a positive decimal number. */
function positiveNumberText() {
  return z
    .string()
    .trim()
    .regex(/^\+?(\d+\.?\d*|\.\d+)$/)
    .transform(Number)
    .pipe(z.number().positive());
}

/**
 * The settings, keyed by their names, which are also their environment variables
 * (`settings.ORDO_HEARTBEAT_SECONDS`, `ORDO_HEARTBEAT_SECONDS=5`).
 */
export const SETTING_DEFINITIONS = {
  ORDO_HOME: defineSetting({
    description: "Ordo's home folder: the SQLite database (ordo.db), profiles and stored results (storage/).",
    expected: "a folder path",
    schema: z.string().trim().min(1).transform(toAbsolutePath),
    default: () => join(homedir(), ".ordo"),
  }),
  ORDO_API_URL: defineSetting({
    description:
      "The URL of an Ordo server's API; when set, clients talk HTTP instead of opening the database.",
    expected: "an http(s) URL such as http://127.0.0.1:4200/api",
    schema: z
      .string()
      .trim()
      .pipe(z.url({ protocol: /^https?$/ })),
    default: () => undefined,
  }),
  ORDO_DATABASE_URL: defineSetting({
    description:
      "The database of the server (and of embedded clients): PostgreSQL at a postgres:// URL; SQLite under ORDO_HOME when unset.",
    expected: "a postgres://, postgresql:// or sqlite: URL",
    schema: z
      .string()
      .trim()
      .regex(/^(postgres|postgresql):\/\/\S+$|^sqlite:\S*$/i),
    default: () => undefined,
  }),
  ORDO_LOGGING_LEVEL: defineSetting({
    description: "The lowest level of run log lines that are printed and recorded.",
    expected: `one of ${LOG_LEVEL_NAMES.join(", ")}`,
    schema: z.string().trim().toLowerCase().pipe(z.enum(LOG_LEVEL_NAMES)),
    default: (): LogLevelName => "info",
  }),
  ORDO_LOGGING_COLORS: defineSetting({
    description: "Colour in printed log lines: auto (when the output is a terminal), true or false.",
    expected: "one of auto, true, false",
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(["auto", "true", "false"])),
    default: (): "auto" | "true" | "false" => "auto",
  }),
  ORDO_COMPILE_FLOWS: defineSetting({
    description:
      "Whether the processes of worker and serve runs, `ordo run` and `ordo deploy` load a flow file compiled ahead (one bundle, cached in ORDO_HOME/cache/flows) instead of through tsx's loader.",
    expected: "true or false",
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(["true", "false"]))
      .transform((value) => value === "true"),
    default: () => true,
  }),
  ORDO_HEARTBEAT_SECONDS: defineSetting({
    description: "How often a running flow run records that its process is alive, in seconds.",
    expected: "a positive number of seconds",
    schema: positiveNumberText(),
    default: () => 10,
  }),
  ORDO_RESULTS_INLINE_LIMIT_BYTES: defineSetting({
    description:
      "Serialized results up to this size are stored inline with the run; larger ones go to storage/.",
    expected: "an integer >= 0",
    schema: integerText(0),
    default: () => 4096,
  }),
  ORDO_RESULTS_STORAGE: defineSetting({
    description:
      "Where results too large to store inline go: auto (the server's storage with ORDO_API_URL, else ORDO_HOME/storage), local (ORDO_HOME/storage), or an absolute folder path (a shared mount).",
    expected: "auto, local, or an absolute folder path",
    schema: z
      .string()
      .trim()
      .refine((v) => v === "auto" || v === "local" || isAbsolute(v), {
        message: "use auto, local or an absolute path",
      }),
    default: () => "auto",
  }),
  ORDO_TASK_RUNNER_MAX_CONCURRENCY: defineSetting({
    description: "The default bound on task runs executing at once in one flow run.",
    expected: "an integer >= 1",
    schema: integerText(1),
    default: () => 64,
  }),
  ORDO_RECORDER_FLUSH_INTERVAL_MS: defineSetting({
    description: "How long the run recorder buffers task-run states and logs before writing them, in ms.",
    expected: "an integer >= 0",
    schema: integerText(0),
    default: () => 5,
  }),
  ORDO_RECORDER_FLUSH_MAX_ITEMS: defineSetting({
    description: "The run recorder writes as soon as this many items are buffered.",
    expected: "an integer >= 1",
    schema: integerText(1),
    default: () => 1000,
  }),
  ORDO_TASK_RUN_EVENTS: defineSetting({
    description:
      "Which task-run state changes become events (ordo.task-run.<State>), written with the run recorder's batches by the server (or the embedded client): all; terminal (each task run's final state); failures (final states other than Completed and Cached: Failed, TimedOut, Crashed, Cancelled); or off.",
    expected: "one of all, terminal, failures, off",
    schema: z.string().trim().toLowerCase().pipe(TaskRunEventsSchema),
    default: (): TaskRunEvents => DEFAULT_TASK_RUN_EVENTS,
  }),
  // Server and API access (profiles: `ordo config set`).
  ORDO_API_KEY: defineSetting({
    description: "An API key for the Ordo server, sent as a bearer token; a secret, always shown masked.",
    expected: "a key without spaces (the token alone, without Bearer)",
    schema: z.string().trim().regex(/^\S+$/),
    default: () => undefined,
    secret: true,
  }),
  ORDO_SERVER_HOST: defineSetting({
    description: "The address `ordo server start` listens on.",
    expected: "a host name or IP address such as 127.0.0.1",
    schema: z.string().trim().min(1),
    default: () => "127.0.0.1",
  }),
  ORDO_SERVER_PORT: defineSetting({
    description: "The TCP port `ordo server start` listens on.",
    expected: "an integer from 1 to 65535",
    schema: integerText(1, 65535),
    default: () => 4200,
  }),
  // --- The HTTP client (ORDO_API_URL): timeouts, retries, outages, the outbox. ---
  ORDO_API_TIMEOUT_SECONDS: defineSetting({
    description: "How long one request to the Ordo server may take before it is retried, in seconds.",
    expected: "a positive number of seconds",
    schema: positiveNumberText(),
    default: () => 30,
  }),
  ORDO_API_MAX_RETRIES: defineSetting({
    description:
      "Retries of a request that got no answer (or 502, 503, 504, 429) before the outage window counts.",
    expected: "an integer >= 0",
    schema: integerText(0, 100),
    default: () => 5,
  }),
  ORDO_CLIENT_OUTAGE_SECONDS: defineSetting({
    description:
      "How long a flow keeps retrying an unreachable server (creating runs, proposing states, reads) before it fails, in seconds.",
    expected: "an integer >= 0",
    schema: integerText(0),
    default: () => 300,
  }),
  ORDO_CLIENT_OUTBOX_MAX_ITEMS: defineSetting({
    description:
      "Recorded task-run states and logs held in memory for the server; past this, batches are spooled to ORDO_HOME/spool/.",
    expected: "an integer >= 1",
    schema: integerText(1),
    default: () => 10_000,
  }),
  ORDO_CLIENT_DRAIN_TIMEOUT_SECONDS: defineSetting({
    description:
      "Longest wait for a flow run's recorded task runs and logs to reach the server before its final state (and at exit), in seconds.",
    expected: "a positive number of seconds",
    schema: positiveNumberText(),
    default: () => 600,
  }),
  // --- end of the HTTP client's settings ---

  // The server's services.
  ORDO_RETENTION_DAYS: defineSetting({
    description:
      "The server deletes finished flow runs (with their task runs and logs) and events older than this many days; unset keeps everything.",
    expected: "a positive number of days",
    schema: positiveNumberText(),
    default: () => undefined,
  }),
  ORDO_RETENTION_INTERVAL_SECONDS: defineSetting({
    description: "How often the server's retention service runs, in seconds (0 turns it off).",
    expected: "an integer >= 0",
    schema: integerText(0),
    default: () => 3600,
  }),
  ORDO_CRASH_DETECTION_INTERVAL_SECONDS: defineSetting({
    description:
      "How often the server marks Crashed the runs whose process is gone, in seconds (0 turns it off).",
    expected: "an integer >= 0",
    schema: integerText(0),
    default: () => 10,
  }),
  ORDO_DATABASE_STATISTICS_INTERVAL_SECONDS: defineSetting({
    description:
      "How often the server refreshes SQLite's query-planner statistics where a table's size changed about tenfold, in seconds (0 turns it off).",
    expected: "an integer >= 0",
    schema: integerText(0),
    default: () => 3600,
  }),
  ORDO_SCHEDULER_INTERVAL_SECONDS: defineSetting({
    description:
      "How often the server's scheduler plans the runs of deployments' schedules, in seconds (0 turns it off).",
    expected: "an integer >= 0",
    schema: integerText(0),
    default: () => 60,
  }),
  ORDO_LATE_RUNS_AFTER_SECONDS: defineSetting({
    description: "A Scheduled run this many seconds past its time is marked Late.",
    expected: "an integer >= 0",
    schema: integerText(0),
    default: () => 15,
  }),
  ORDO_LATE_RUNS_INTERVAL_SECONDS: defineSetting({
    description:
      "How often the server marks late runs and applies stale policies, in seconds (0 turns it off).",
    expected: "an integer >= 0",
    schema: integerText(0),
    default: () => 5,
  }),
};

/** The name of a setting, e.g. `ORDO_HEARTBEAT_SECONDS`. */
export type SettingName = keyof typeof SETTING_DEFINITIONS;
