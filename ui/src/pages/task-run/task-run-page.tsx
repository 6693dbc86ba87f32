/**
 * Task run page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Task run page. */
export function TaskRunPage() {
  return <PageHeader title="Task run" />;
}
