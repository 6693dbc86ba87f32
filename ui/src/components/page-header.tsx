/**
 * A page's title row with its actions on the right.
 *
 * @module
 */
import type { ReactNode } from "react";
import { useEffect } from "react";

/** Sets the document title and renders the page's heading. */
export function PageHeader({
  title,
  children,
  actions,
}: {
  readonly title: string;
  readonly children?: ReactNode;
  readonly actions?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Ordo`;
  }, [title]);
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children}
      {actions !== undefined && <div className="actions">{actions}</div>}
    </div>
  );
}
