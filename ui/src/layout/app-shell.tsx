/**
 * The page frame: left navigation, theme switch, keyboard shortcuts, and the page.
 *
 * @module
 */
import { NavLink, Outlet } from "react-router";
import { useTheme, type ThemeChoice } from "../theme/use-theme.js";
import { NAV_ITEMS } from "./nav-items.js";
import { useKeyboardShortcuts } from "./use-keyboard-shortcuts.js";

/** The app's frame around every page. */
export function AppShell() {
  const [theme, setTheme] = useTheme();
  useKeyboardShortcuts();
  return (
    <div className="shell">
      <nav className="nav" aria-label="Main">
        <NavLink to="/" className="brand" aria-label="Ordo home">
          <img src="/favicon.svg" width="22" height="22" alt="" />
          Ordo
        </NavLink>
        {NAV_ITEMS.map((item) => (
          <NavLink
            key={item.path}
            to={item.path}
            end={item.path === "/"}
            className={({ isActive }) => `item${isActive ? " active" : ""}`}
            title={`${item.label} (g ${item.key})`}
          >
            {item.label}
          </NavLink>
        ))}
        <div className="foot">
          <label htmlFor="theme" className="muted" style={{ fontWeight: 400 }}>
            Theme
          </label>
          <select id="theme" value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </div>
      </nav>
      <main className="main">
        <Outlet />
      </main>
    </div>
  );
}
