/**
 * Flow run page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Flow run page. */
export function FlowRunPage() {
  return <PageHeader title="Flow run" />;
}
