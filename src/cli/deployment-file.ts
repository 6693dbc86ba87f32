/**
 * `ordo.yaml`: the deployments of a project, for `ordo deploy --all` (or `--name N` to
 * pick one).
 *
 * ```yaml
 * deployments:
 *   - name: nightly
 *     entrypoint: flows/etl.ts:etl
 *     parameters: { table: users }
 *     schedules:
 *       - cron: "0 3 * * *"
 *         timezone: Europe/Berlin
 *     tags: [etl]
 *     work_pool: { name: local, work_queue_name: default, job_variables: { env: { LOG: debug } } }
 *     concurrency_limit: { limit: 1, collision_strategy: CANCEL_NEW }
 *     paused: false
 *     description: Nightly load
 *     version: "1.2"
 *     source: { kind: git, url: "https://github.com/acme/flows.git", ref: main } # or: local, bundle
 * ```
 *
 * Keys may be written snake_case (as above) or camelCase (`workPool`, `concurrencyLimit`).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { invalidInput } from "../api/errors.js";
import { OrdoError } from "../errors/ordo-error.js";
import {
  BundleHashSchema,
  CollisionStrategySchema,
  DeploymentScheduleSchema,
  GitRefSchema,
  GitUrlSchema,
  StalePolicySchema,
} from "../schemas/index.js";

const WorkPoolRef = z.union([
  z.string().min(1),
  z.object({
    name: z.string().min(1),
    work_queue_name: z.string().min(1).optional(),
    job_variables: z.record(z.string(), z.unknown()).optional(),
  }),
]);

const SourceRef = z.union([
  z.enum(["local", "bundle", "git"]),
  z.object({ kind: z.literal("local"), path: z.string().min(1).optional() }).strict(),
  z.object({ kind: z.literal("bundle"), hash: BundleHashSchema.optional() }).strict(),
  z
    .object({
      kind: z.literal("git"),
      url: GitUrlSchema.optional(),
      ref: GitRefSchema.optional(),
      subdirectory: z.string().min(1).optional(),
    })
    .strict(),
]);

const ConcurrencyRef = z.union([
  z.number().int().min(0),
  z.object({ limit: z.number().int().min(0), collision_strategy: CollisionStrategySchema.optional() }),
]);

/** One deployment of `ordo.yaml`, keys in snake_case. */
export const DeploymentEntrySchema = z
  .object({
    name: z.string().min(1),
    entrypoint: z.string().min(3),
    description: z.string().optional(),
    version: z.union([z.string(), z.number()]).transform(String).optional(),
    tags: z.array(z.string()).optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    schedules: z.array(DeploymentScheduleSchema).optional(),
    work_pool: WorkPoolRef.optional(),
    concurrency_limit: ConcurrencyRef.optional(),
    paused: z.boolean().optional(),
    stale_policy: StalePolicySchema.optional(),
    stale_after_seconds: z.number().int().positive().optional(),
    /** Where workers get the code: `local` (default), `bundle`, `git`, or an object with details. */
    source: SourceRef.optional(),
  })
  .strict();
/** One deployment of `ordo.yaml`. */
export type DeploymentEntry = z.infer<typeof DeploymentEntrySchema>;

const FileSchema = z.object({ deployments: z.array(DeploymentEntrySchema).min(1) }).passthrough();

const CAMEL_TO_SNAKE: Record<string, string> = {
  workPool: "work_pool",
  workQueueName: "work_queue_name",
  jobVariables: "job_variables",
  concurrencyLimit: "concurrency_limit",
  collisionStrategy: "collision_strategy",
  stalePolicy: "stale_policy",
  staleAfterSeconds: "stale_after_seconds",
};

/** A schedule's keys as the file may write them (as in a `prefect.yaml`), and the API's. */
const SCHEDULE_SNAKE_TO_CAMEL: Record<string, string> = {
  anchor_date: "anchorDate",
  day_or: "dayOr",
};

/** A schedule entry with the API's key names (its `parameters` untouched). */
function scheduleKeys(schedule: unknown): unknown {
  if (typeof schedule !== "object" || schedule === null || Array.isArray(schedule)) return schedule;
  return Object.fromEntries(
    Object.entries(schedule).map(([key, inner]) => [SCHEDULE_SNAKE_TO_CAMEL[key] ?? key, inner]),
  );
}

/** Keys whose values are the user's own data, kept as written. */
const VERBATIM_KEYS: ReadonlySet<string> = new Set(["parameters", "jobVariables", "job_variables"]);

function snakeKeys(value: unknown, depth = 0): unknown {
  if (depth > 3 || typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const valueOf = (key: string, inner: unknown): unknown => {
    if (key === "schedules") return Array.isArray(inner) ? inner.map(scheduleKeys) : inner;
    return VERBATIM_KEYS.has(key) ? inner : snakeKeys(inner, depth + 1);
  };
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [CAMEL_TO_SNAKE[key] ?? key, valueOf(key, inner)]),
  );
}

/**
 * Reads the deployments of an `ordo.yaml` file. Throws `ORDO_INVALID_INPUT` naming the
 * file and the field for a file that is not valid YAML or not a deployment list. The
 * YAML parser is loaded here, not by every command of the CLI.
 */
export async function readDeploymentFile(path: string): Promise<DeploymentEntry[]> {
  const { parse } = await import("yaml");
  let document: unknown;
  try {
    document = parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
      {
        path,
      },
    );
  }
  const normalized =
    typeof document === "object" &&
    document !== null &&
    Array.isArray((document as { deployments?: unknown }).deployments)
      ? {
          ...document,
          deployments: (document as { deployments: unknown[] }).deployments.map((d) => snakeKeys(d)),
        }
      : document;
  const parsed = FileSchema.safeParse(normalized);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => keysAsWritten(issue, document));
    throw invalidInput(issues, `deployment file ${path}`);
  }
  return parsed.data.deployments;
}

/** Where a key that is not a deployment's own goes, for keys written as in other tools' files. */
const MISPLACED_KEY_HINTS: Record<string, string> = {
  schedule: "schedules: a list, [{ cron: … }]",
  cron: "schedules: [{ cron: …, timezone: … }]",
  interval: "schedules: [{ interval: … }]",
  rrule: "schedules: [{ rrule: … }]",
  timezone: "schedules: [{ cron: …, timezone: … }]",
  work_queue_name: "work_pool: { name: …, work_queue_name: … }",
  job_variables: "work_pool: { name: …, job_variables: … }",
  collision_strategy: "concurrency_limit: { limit: …, collision_strategy: … }",
  enforce_parameter_schema: "nothing: parameters are always checked against the flow's schema",
  pull: "source: local, bundle or git (steps are not run)",
  build: "source: local, bundle or git (steps are not run)",
  push: "source: local, bundle or git (steps are not run)",
};

/**
 * An unknown-key issue naming the keys as the file wrote them (`collisionStrategy`, not
 * the snake_case form it was read as), and where a misplaced deployment key goes.
 */
function keysAsWritten(issue: z.core.$ZodIssue, document: unknown): z.core.$ZodIssue {
  if (issue.code !== "unrecognized_keys") return issue;
  let node: unknown = document;
  for (const step of issue.path) node = (node as Record<PropertyKey, unknown> | undefined)?.[step];
  const written = node !== null && typeof node === "object" ? Object.keys(node) : [];
  const keys = issue.keys.map(
    (key) => written.find((w) => w !== key && CAMEL_TO_SNAKE[w] === key && !written.includes(key)) ?? key,
  );
  const hints = issue.keys.flatMap((key, i) => {
    const hint = issue.path.length === 2 ? MISPLACED_KEY_HINTS[key] : undefined;
    return hint === undefined ? [] : [`for ${keys[i]!}, write ${hint}`];
  });
  const hint = hints.length === 0 ? "" : ` (${hints.join("; ")})`;
  return {
    ...issue,
    keys,
    message: `Unrecognized key${keys.length > 1 ? "s" : ""}: ${keys.map((k) => `"${k}"`).join(", ")}${hint}`,
  };
}
