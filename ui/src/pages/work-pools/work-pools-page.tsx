/**
 * Work pools page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Work pools page. */
export function WorkPoolsPage() {
  return <PageHeader title="Work pools" />;
}
