/**
 * Dark and light themes: follow the system unless the user picks one (kept in
 * localStorage, applied as `html[data-theme]`).
 *
 * @module
 */
import { useCallback, useEffect, useState } from "react";

/** The user's choice. */
export type ThemeChoice = "system" | "light" | "dark";

const KEY = "ordo.theme";

function readChoice(): ThemeChoice {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(KEY);
  return stored === "light" || stored === "dark" ? stored : "system";
}

/** Applies a choice to the document. */
export function applyTheme(choice: ThemeChoice): void {
  if (choice === "system") document.documentElement.removeAttribute("data-theme");
  else document.documentElement.setAttribute("data-theme", choice);
}

/** The theme choice and a setter that remembers it. */
export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(readChoice);
  useEffect(() => applyTheme(choice), [choice]);
  const set = useCallback((next: ThemeChoice) => {
    if (next === "system") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, next);
    setChoice(next);
  }, []);
  return [choice, set];
}
