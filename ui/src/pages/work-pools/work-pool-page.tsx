/**
 * Work pool page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Work pool page. */
export function WorkPoolPage() {
  return <PageHeader title="Work pool" />;
}
