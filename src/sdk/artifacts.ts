/**
 * Artifacts from user code: markdown, tables, links, progress and images, linked to the
 * current flow run and task run.
 *
 * @module
 */
import type { ArtifactType } from "../schemas/index.js";
import { currentClient, currentRunIds } from "./current-client.js";

/** Options every artifact takes. */
export interface ArtifactOptions {
  /** Versions the artifact: the newest artifact of a key is its latest version. Lowercase letters, digits, `-`. */
  readonly key?: string | undefined;
  readonly description?: string | undefined;
}

async function create(type: ArtifactType, data: unknown, options: ArtifactOptions): Promise<string> {
  const client = await currentClient();
  const artifact = await client.createArtifact({
    type,
    data,
    key: options.key,
    description: options.description,
    ...currentRunIds(),
  });
  return artifact.id;
}

/**
 * Publishes markdown (rendered safely by the UI). Returns the artifact's id.
 *
 * @example
 * ```ts
 * await createMarkdownArtifact("# Report\n\n12 rows loaded", { key: "daily-report" });
 * ```
 */
export function createMarkdownArtifact(markdown: string, options: ArtifactOptions = {}): Promise<string> {
  return create("markdown", markdown, options);
}

/**
 * Publishes a table: a list of rows (objects) or of arrays, or columns (an object of
 * arrays). Returns the artifact's id.
 *
 * @example
 * ```ts
 * await createTableArtifact([{ table: "users", rows: 12 }], { key: "load-summary" });
 * ```
 */
export function createTableArtifact(
  table: readonly Record<string, unknown>[] | readonly unknown[][] | Record<string, readonly unknown[]>,
  options: ArtifactOptions = {},
): Promise<string> {
  return create("table", table, options);
}

/**
 * Publishes a link. Returns the artifact's id.
 *
 * @example
 * ```ts
 * await createLinkArtifact("https://dashboards.example.com/etl", { linkText: "Dashboard" });
 * ```
 */
export function createLinkArtifact(
  link: string,
  options: ArtifactOptions & { readonly linkText?: string | undefined } = {},
): Promise<string> {
  return create("link", { link, text: options.linkText ?? link }, options);
}

/**
 * Publishes an image by URL. Returns the artifact's id.
 *
 * @example
 * ```ts
 * await createImageArtifact("https://example.com/chart.png", { description: "Rows per day" });
 * ```
 */
export function createImageArtifact(imageUrl: string, options: ArtifactOptions = {}): Promise<string> {
  return create("image", { url: imageUrl }, options);
}

/**
 * Publishes progress, 0–100, updatable with {@link updateProgressArtifact}. Returns its id.
 *
 * @example
 * ```ts
 * const id = await createProgressArtifact(0, { key: "backfill" });
 * await updateProgressArtifact(id, 50);
 * ```
 */
export function createProgressArtifact(progress: number, options: ArtifactOptions = {}): Promise<string> {
  return create("progress", clampProgress(progress), options);
}

/** Updates a progress artifact to `progress` (0–100). */
export async function updateProgressArtifact(id: string, progress: number): Promise<void> {
  const client = await currentClient();
  await client.updateArtifact(id, { data: clampProgress(progress) });
}

function clampProgress(progress: number): number {
  return Number.isFinite(progress) ? Math.min(100, Math.max(0, progress)) : 0;
}
