/**
 * Flows page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Flows page. */
export function FlowsPage() {
  return <PageHeader title="Flows" />;
}
