/**
 * The graph's and timeline's canvas colours for the colour scheme in force, rebuilt when
 * the user or the system switches between light and dark.
 *
 * @module
 */
import { useMemo } from "react";
import { canvasPalette, stateFills } from "./canvas-palette.js";
import { graphColors, type GraphColors } from "./draw-graph.js";
import { useColorScheme } from "./use-color-scheme.js";

/** Colours of the current scheme for the canvas. */
export function useCanvasColors(): GraphColors {
  const scheme = useColorScheme();
  return useMemo(() => graphColors(canvasPalette(scheme), stateFills(scheme)), [scheme]);
}
