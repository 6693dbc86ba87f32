/**
 * Variables page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Variables page. */
export function VariablesPage() {
  return <PageHeader title="Variables" />;
}
