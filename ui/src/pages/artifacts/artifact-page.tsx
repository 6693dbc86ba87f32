/**
 * Artifact page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Artifact page. */
export function ArtifactPage() {
  return <PageHeader title="Artifact" />;
}
