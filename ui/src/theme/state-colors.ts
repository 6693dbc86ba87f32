/**
 * One palette of state colours, used by badges, charts, the graph and the timeline
 * (UI.md). Each state name maps to a CSS variable defined in theme.css for light and dark.
 *
 * @module
 */
import type { StateName, StateType } from "../api/types.js";

/** The CSS colour variable of a state name (falls back to its type's). */
export function stateColorVar(name: string | undefined, type?: StateType): string {
  return `var(--state-${stateColorKey(name, type)})`;
}

/** The palette key of a state: `late`, `cached`, `running`, … */
export function stateColorKey(name: string | undefined, type?: StateType): string {
  switch (name as StateName | undefined) {
    case "Late":
      return "late";
    case "Cached":
      return "cached";
    case "Crashed":
      return "crashed";
    case "Suspended":
    case "Paused":
      return "paused";
    case "Scheduled":
    case "AwaitingRetry":
    case "AwaitingConcurrencySlot":
      return "scheduled";
    default:
      break;
  }
  switch (type) {
    case "SCHEDULED":
      return "scheduled";
    case "PENDING":
      return "pending";
    case "RUNNING":
      return "running";
    case "PAUSED":
      return "paused";
    case "CANCELLING":
    case "CANCELLED":
      return "cancelled";
    case "COMPLETED":
      return "completed";
    case "FAILED":
      return "failed";
    case "CRASHED":
      return "crashed";
    default:
      return "pending";
  }
}

/** Concrete colours for canvas drawing (which cannot read CSS variables cheaply). */
export const STATE_HEX: Readonly<Record<string, { light: string; dark: string }>> = {
  scheduled: { light: "#d97706", dark: "#f59e0b" },
  late: { light: "#92400e", dark: "#d97706" },
  pending: { light: "#9ca3af", dark: "#6b7280" },
  running: { light: "#2563eb", dark: "#3b82f6" },
  paused: { light: "#64748b", dark: "#94a3b8" },
  cancelled: { light: "#4b5563", dark: "#9ca3af" },
  completed: { light: "#16a34a", dark: "#22c55e" },
  cached: { light: "#86efac", dark: "#4ade80" },
  failed: { light: "#dc2626", dark: "#ef4444" },
  crashed: { light: "#ea580c", dark: "#f97316" },
};

/** The state types in lifecycle order, for legends and filters. */
export const STATE_TYPE_ORDER: readonly StateType[] = [
  "SCHEDULED",
  "PENDING",
  "RUNNING",
  "PAUSED",
  "CANCELLING",
  "COMPLETED",
  "FAILED",
  "CRASHED",
  "CANCELLED",
];

/**
 * The state colours as CSS custom properties (`--state-completed: light-dark(…, …)`),
 * derived from {@link STATE_HEX} so badges, charts and the canvas share one palette.
 */
export function stateColorProperties(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(STATE_HEX).map(([key, { light, dark }]) => [
      `--state-${key}`,
      `light-dark(${light}, ${dark})`,
    ]),
  );
}

/** Sets the state colour properties on `root` (the document's element at start-up). */
export function installStateColors(root: {
  readonly style: { setProperty(name: string, value: string): void };
}): void {
  for (const [name, value] of Object.entries(stateColorProperties())) root.style.setProperty(name, value);
}
