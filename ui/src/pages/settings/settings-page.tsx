/**
 * Settings page (placeholder while the page is built).
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";

/** The Settings page. */
export function SettingsPage() {
  return <PageHeader title="Settings" />;
}
