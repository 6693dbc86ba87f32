/**
 * Events page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Events page. */
export function EventsPage() {
  return <PageHeader title="Events" />;
}
