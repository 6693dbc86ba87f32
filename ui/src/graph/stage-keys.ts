/**
 * Keyboard control of a canvas stage: + and − zoom, arrows pan (Shift: further), 0 or
 * F fits. Pure: a key in, an action out.
 *
 * @module
 */

/** What a key asks the stage to do. */
export type StageAction =
  | { readonly kind: "zoom"; readonly factor: number }
  | { readonly kind: "pan"; readonly dx: number; readonly dy: number }
  | { readonly kind: "fit" };

/** Pixels one arrow key press pans (four times that with Shift). */
export const PAN_STEP = 60;
/** Zoom factor of one + key press. */
export const ZOOM_STEP = 1.25;

/** The action of a key, or `undefined` when the stage ignores it. */
export function keyAction(key: string, shift: boolean): StageAction | undefined {
  const step = shift ? PAN_STEP * 4 : PAN_STEP;
  switch (key) {
    case "+":
    case "=":
      return { kind: "zoom", factor: ZOOM_STEP };
    case "-":
    case "_":
      return { kind: "zoom", factor: 1 / ZOOM_STEP };
    case "ArrowLeft":
      return { kind: "pan", dx: step, dy: 0 };
    case "ArrowRight":
      return { kind: "pan", dx: -step, dy: 0 };
    case "ArrowUp":
      return { kind: "pan", dx: 0, dy: step };
    case "ArrowDown":
      return { kind: "pan", dx: 0, dy: -step };
    case "0":
    case "f":
    case "F":
      return { kind: "fit" };
    default:
      return undefined;
  }
}
