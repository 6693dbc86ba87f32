/**
 * Runs page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Runs page. */
export function RunsPage() {
  return <PageHeader title="Runs" />;
}
