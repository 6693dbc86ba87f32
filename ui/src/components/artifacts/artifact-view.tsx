/**
 * One artifact's content, rendered by its type (placeholder while the renderers are built).
 *
 * @module
 */
import type { Artifact } from "../../api/types.js";

/** Renders `artifact` (markdown, table, link, progress, image). */
export function ArtifactView({ artifact }: { readonly artifact: Artifact }) {
  return <pre className="block">{JSON.stringify(artifact.data, null, 2)}</pre>;
}
