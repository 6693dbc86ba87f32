/**
 * Keyboard shortcuts: `/` focuses the page's search box, `g` then a letter opens a page
 * (`g r` Runs, `g d` Dashboard, …, see the navigation's tooltips).
 *
 * @module
 */
import { useEffect } from "react";
import { useNavigate } from "react-router";
import { NAV_ITEMS } from "./nav-items.js";

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Installs the shortcuts for the app's lifetime. */
export function useKeyboardShortcuts(): void {
  const navigate = useNavigate();
  useEffect(() => {
    let awaitingG = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.key === "/") {
        const search = document.querySelector<HTMLInputElement>("[data-search]");
        if (search !== null) {
          e.preventDefault();
          search.focus();
        }
        return;
      }
      if (e.key === "g") {
        awaitingG = Date.now();
        return;
      }
      if (Date.now() - awaitingG < 1500) {
        const item = NAV_ITEMS.find((i) => i.key === e.key);
        awaitingG = 0;
        if (item !== undefined) {
          e.preventDefault();
          void navigate(item.path);
        }
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [navigate]);
}
