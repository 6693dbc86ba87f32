/**
 * Deployments page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Deployments page. */
export function DeploymentsPage() {
  return <PageHeader title="Deployments" />;
}
