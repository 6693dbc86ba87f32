/**
 * Colours for canvas drawing, which cannot read CSS variables cheaply: the state palette
 * (`STATE_HEX`) and the theme's surface, text and line colours, for light and dark.
 * Pure.
 *
 * @module
 */
import type { StateType } from "../api/types.js";
import { STATE_HEX, stateColorKey } from "../theme/state-colors.js";

/** The colour scheme in force. */
export type ColorScheme = "light" | "dark";

/** The scheme from `html[data-theme]` (the user's pick) or, without one, the system's. */
export function resolveScheme(dataTheme: string | null, systemPrefersDark: boolean): ColorScheme {
  if (dataTheme === "dark" || dataTheme === "light") return dataTheme;
  return systemPrefersDark ? "dark" : "light";
}

/** Theme colours of the canvas (the same values as theme.css). */
export interface CanvasPalette {
  readonly scheme: ColorScheme;
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  /** Every other timeline row. */
  readonly stripe: string;
  /** The "now" line. */
  readonly now: string;
  readonly edge: string;
  readonly highlight: string;
  /** Text on a coloured state fill. */
  readonly onFill: string;
}

const PALETTES: Readonly<Record<ColorScheme, CanvasPalette>> = {
  light: {
    scheme: "light",
    background: "#ffffff",
    text: "#0f172a",
    muted: "#64748b",
    grid: "#e2e8f0",
    stripe: "#f8fafc",
    now: "#2563eb",
    edge: "#94a3b8",
    highlight: "#0f172a",
    onFill: "#ffffff",
  },
  dark: {
    scheme: "dark",
    background: "#111827",
    text: "#e5e7eb",
    muted: "#94a3b8",
    grid: "#334155",
    stripe: "#0f172a",
    now: "#60a5fa",
    edge: "#64748b",
    highlight: "#f8fafc",
    onFill: "#0b1120",
  },
};

/** The canvas palette of a scheme. */
export function canvasPalette(scheme: ColorScheme): CanvasPalette {
  return PALETTES[scheme];
}

/** The palette keys in a fixed order, so nodes can carry a small colour index. */
export const STATE_KEYS: readonly string[] = Object.keys(STATE_HEX);

/** The colour index (into {@link STATE_KEYS}) of a state. */
export function stateColorIndex(stateName: string, stateType: StateType): number {
  const at = STATE_KEYS.indexOf(stateColorKey(stateName, stateType));
  return at < 0 ? STATE_KEYS.indexOf("pending") : at;
}

/** The fill colours by colour index for a scheme. */
export function stateFills(scheme: ColorScheme): readonly string[] {
  return STATE_KEYS.map((key) => STATE_HEX[key]?.[scheme] ?? "#9ca3af");
}

/** Which state wins a pixel shared by many nodes: failures first, then running, waiting, done. */
const PRIORITY: Readonly<Record<string, number>> = {
  failed: 9,
  crashed: 8,
  running: 7,
  late: 6,
  paused: 5,
  scheduled: 4,
  pending: 3,
  cancelled: 2,
  cached: 1,
  completed: 0,
};

/** The priority of each colour index (see {@link STATE_KEYS}). */
export const STATE_PRIORITY: Uint8Array = Uint8Array.from(STATE_KEYS, (key) => PRIORITY[key] ?? 0);
