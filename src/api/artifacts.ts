/**
 * Artifacts: rich results that runs publish (markdown, tables, links, progress, images).
 *
 * @module
 */
import {
  ArtifactCreateSchema,
  ArtifactFilterSchema,
  ArtifactUpdateSchema,
  type Artifact,
  type ArtifactCreate,
  type ArtifactFilter,
} from "../schemas/index.js";
import type { Store } from "../store/index.js";
import { notFound, parseInput } from "./errors.js";

/**
 * Creates an artifact (a new version when its key exists). A given id that exists
 * returns that artifact unchanged.
 *
 * @example
 * ```ts
 * await createArtifact(store, { key: "report", type: "markdown", data: "# Done" });
 * ```
 */
export async function createArtifact(store: Store, input: ArtifactCreate): Promise<Artifact> {
  const artifact = parseInput(ArtifactCreateSchema, input, "artifact");
  return store.records.artifacts.create({ ...artifact, now: Date.now() });
}

/** Replaces an artifact's data (progress artifacts); throws `ORDO_NOT_FOUND` for an unknown id. */
export async function updateArtifact(
  store: Store,
  id: string,
  input: { data: unknown; description?: string | undefined },
): Promise<Artifact> {
  const { data, description } = parseInput(ArtifactUpdateSchema, input, "artifact update");
  if (!(await store.records.artifacts.update(id, data, description, Date.now())))
    throw notFound("artifact", id);
  return readArtifact(store, id);
}

/** One artifact; throws `ORDO_NOT_FOUND` for an unknown id. */
export async function readArtifact(store: Store, id: string): Promise<Artifact> {
  const artifact = await store.records.artifacts.read(id);
  if (artifact === undefined) throw notFound("artifact", id);
  return artifact;
}

/** Artifacts, newest first. */
export async function readArtifacts(store: Store, filter: ArtifactFilter = {}): Promise<Artifact[]> {
  return store.records.artifacts.list(parseInput(ArtifactFilterSchema, filter, "artifact filter"));
}
