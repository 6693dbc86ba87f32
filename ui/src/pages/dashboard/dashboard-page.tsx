/**
 * Dashboard page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Dashboard page. */
export function DashboardPage() {
  return <PageHeader title="Dashboard" />;
}
