/**
 * An empty state that says what to do next, with the CLI command when there is one.
 *
 * @module
 */
import type { ReactNode } from "react";

/** Props of {@link EmptyState}. */
export interface EmptyStateProps {
  readonly title: string;
  readonly command?: string | undefined;
  readonly children?: ReactNode;
}

/** "No deployments yet. Create one with `ordo deploy …`". */
export function EmptyState({ title, command, children }: EmptyStateProps) {
  return (
    <div className="empty" role="status">
      <p style={{ fontWeight: 600, color: "var(--text)" }}>{title}</p>
      {children}
      {command !== undefined && (
        <p>
          <code>{command}</code>
        </p>
      )}
    </div>
  );
}
