/**
 * The keyboard shortcuts in words, from the navigation (`g` then a letter) and `/`.
 *
 * @module
 */
import { NAV_ITEMS } from "../../layout/nav-items.js";

/** One shortcut: the keys pressed in turn, and what they do. */
export interface Shortcut {
  readonly keys: readonly string[];
  readonly action: string;
}

/** Every shortcut: `/` first, then `g` + letter for each page. */
export function shortcuts(): Shortcut[] {
  return [
    { keys: ["/"], action: "Focus the page's search or filter box" },
    ...NAV_ITEMS.map((item) => ({ keys: ["g", item.key], action: `Open ${item.label}` })),
  ];
}
