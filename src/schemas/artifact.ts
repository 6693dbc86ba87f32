/**
 * zod schemas of artifacts: markdown, tables, links, progress and images that runs
 * publish, linked to their flow and task run, versioned by key.
 *
 * @module
 */
import { z } from "zod";
import { JsonValueSchema, jsonByteLength } from "./variable.js";

/** The kinds of artifact. */
export const ArtifactTypeSchema = z.enum(["markdown", "table", "link", "progress", "image"]);
/** A kind of artifact. */
export type ArtifactType = z.infer<typeof ArtifactTypeSchema>;

/** An artifact key: lowercase letters, digits and dashes. */
export const ArtifactKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,199}$/, "use 1–200 lowercase letters, digits or '-'");

/** The largest artifact data, in bytes of JSON. */
export const MAX_ARTIFACT_DATA_BYTES = 1024 * 1024;

const ArtifactDataSchema = JsonValueSchema.refine(
  (value) => jsonByteLength(value) <= MAX_ARTIFACT_DATA_BYTES,
  { message: `the data is larger than ${MAX_ARTIFACT_DATA_BYTES} bytes of JSON` },
);

/** An artifact (one version of its key). */
export const ArtifactSchema = z.object({
  id: z.string(),
  key: z.string().optional(),
  type: ArtifactTypeSchema,
  description: z.string().optional(),
  data: z.unknown(),
  flowRunId: z.string().optional(),
  taskRunId: z.string().optional(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
/** An artifact. */
export type Artifact = z.infer<typeof ArtifactSchema>;

/** Creating an artifact; with a key that exists, a new version of it. */
export const ArtifactCreateSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  key: ArtifactKeySchema.optional(),
  type: ArtifactTypeSchema,
  description: z.string().max(10_000).optional(),
  data: ArtifactDataSchema,
  flowRunId: z.string().min(1).max(64).optional(),
  taskRunId: z.string().min(1).max(64).optional(),
});
/** Creating an artifact. */
export type ArtifactCreate = z.input<typeof ArtifactCreateSchema>;

/** Updating an artifact's data (progress artifacts). */
export const ArtifactUpdateSchema = z.object({
  data: ArtifactDataSchema,
  description: z.string().max(10_000).optional(),
});

/** Which artifacts to list, newest first. */
export const ArtifactFilterSchema = z.object({
  key: z.string().optional(),
  flowRunId: z.string().optional(),
  taskRunId: z.string().optional(),
  type: ArtifactTypeSchema.optional(),
  /** Only the newest version of each key (artifacts without a key are all listed). */
  latestOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).default(0),
});
/** Which artifacts to list. */
export type ArtifactFilter = z.input<typeof ArtifactFilterSchema>;
