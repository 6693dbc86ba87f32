/**
 * Deployment page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Deployment page. */
export function DeploymentPage() {
  return <PageHeader title="Deployment" />;
}
