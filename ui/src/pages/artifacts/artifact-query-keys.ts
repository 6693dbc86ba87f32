/**
 * Query keys of the artifacts pages. They sit under the "flow-runs" root on purpose:
 * artifacts are published by runs, and the live connection refreshes that root whenever
 * a run changes state, so a finished run's artifacts appear without a reload.
 *
 * @module
 */
import type { ArtifactFilter } from "../../api/types.js";

/** The artifacts list for `filter`. */
export const artifactListKey = (filter: ArtifactFilter) =>
  ["flow-runs", "artifacts", "list", filter] as const;

/** The latest version of `key`. */
export const latestArtifactKey = (key: string) => ["flow-runs", "artifacts", "latest", key] as const;

/** A page of `key`'s versions. */
export const artifactVersionsKey = (filter: ArtifactFilter) =>
  ["flow-runs", "artifacts", "versions", filter] as const;

/** One artifact by id. */
export const artifactKey = (id: string) => ["flow-runs", "artifacts", "one", id] as const;
