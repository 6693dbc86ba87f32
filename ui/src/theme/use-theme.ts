/**
 * Dark and light themes: follow the system unless the user picks one (kept in
 * localStorage, applied as `html[data-theme]`). One choice for the whole page: every
 * theme control shows the same value.
 *
 * @module
 */
import { useSyncExternalStore } from "react";

/** The user's choice. */
export type ThemeChoice = "system" | "light" | "dark";

const KEY = "ordo.theme";
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(KEY);
  return stored === "light" || stored === "dark" ? stored : "system";
}

let current: ThemeChoice = readChoice();

/** Applies a choice to the document. */
export function applyTheme(choice: ThemeChoice): void {
  if (choice === "system") document.documentElement.removeAttribute("data-theme");
  else document.documentElement.setAttribute("data-theme", choice);
}

/** Makes `choice` the page's theme, remembers it, and tells every control. */
export function setTheme(choice: ThemeChoice): void {
  if (choice === "system") localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, choice);
  current = choice;
  applyTheme(choice);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The theme choice and its setter. */
export function useTheme(): [ThemeChoice, (choice: ThemeChoice) => void] {
  const choice = useSyncExternalStore(
    subscribe,
    () => current,
    () => "system" as const,
  );
  return [choice, setTheme];
}

/** Applies the remembered choice; called once when the app starts. */
export function applyStoredTheme(): void {
  applyTheme(current);
}
