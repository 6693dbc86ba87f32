/**
 * The colour scheme in force, following `html[data-theme]` and the system setting as
 * they change (the canvas redraws with the new colours).
 *
 * @module
 */
import { useSyncExternalStore } from "react";
import { resolveScheme, type ColorScheme } from "./canvas-palette.js";

const QUERY = "(prefers-color-scheme: dark)";

function read(): ColorScheme {
  if (typeof document === "undefined") return "light";
  const prefersDark = typeof matchMedia === "function" && matchMedia(QUERY).matches;
  return resolveScheme(document.documentElement.getAttribute("data-theme"), prefersDark);
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  const media = typeof matchMedia === "function" ? matchMedia(QUERY) : undefined;
  media?.addEventListener("change", onChange);
  return () => {
    observer.disconnect();
    media?.removeEventListener("change", onChange);
  };
}

/** `"light"` or `"dark"`, re-rendering when the user or the system switches. */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, read, () => "light");
}
