/**
 * Concurrency: tag limits (task runs per tag) and global limits (named slots and rate
 * limits), each with its slots in use, refreshed every few seconds.
 *
 * @module
 */
import { PageHeader } from "../../components/page-header.js";
import { GlobalLimitsSection } from "./global-limits-section.js";
import { TagLimitsSection } from "./tag-limits-section.js";
import "./concurrency.css";

/** The Concurrency page. */
export function ConcurrencyPage() {
  return (
    <>
      <PageHeader title="Concurrency" />
      <TagLimitsSection />
      <GlobalLimitsSection />
    </>
  );
}
