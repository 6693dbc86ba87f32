/**
 * Concurrency page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Concurrency page. */
export function ConcurrencyPage() {
  return <PageHeader title="Concurrency" />;
}
