/**
 * Flow page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Flow page. */
export function FlowPage() {
  return <PageHeader title="Flow" />;
}
