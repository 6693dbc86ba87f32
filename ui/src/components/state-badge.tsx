/**
 * A state badge: colour plus the state's name (colour is never the only signal).
 *
 * @module
 */
import type { StateType } from "../api/types.js";
import { stateColorVar } from "../theme/state-colors.js";

/** Props of {@link StateBadge}. */
export interface StateBadgeProps {
  readonly type: StateType;
  readonly name: string;
  readonly title?: string | undefined;
}

/** A state badge: coloured dot and name. */
export function StateBadge({ type, name, title }: StateBadgeProps) {
  return (
    <span className="badge" style={{ color: stateColorVar(name, type) }} title={title ?? `${name} (${type})`}>
      <span className="dot" aria-hidden="true" />
      <span style={{ color: "var(--text)" }}>{name}</span>
    </span>
  );
}
