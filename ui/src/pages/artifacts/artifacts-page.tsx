/**
 * Artifacts page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Artifacts page. */
export function ArtifactsPage() {
  return <PageHeader title="Artifacts" />;
}
