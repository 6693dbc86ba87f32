/**
 * The left navigation, in UI.md's order. Only pages whose feature the server offers are
 * listed (blocks and automations come with those features).
 *
 * @module
 */

/** One navigation entry. */
export interface NavItem {
  readonly label: string;
  readonly path: string;
  /** Keyboard shortcut after `g` (`g r` opens Runs). */
  readonly key: string;
}

/** The navigation entries. */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: "Dashboard", path: "/", key: "d" },
  { label: "Runs", path: "/runs", key: "r" },
  { label: "Flows", path: "/flows", key: "f" },
  { label: "Deployments", path: "/deployments", key: "p" },
  { label: "Work pools", path: "/work-pools", key: "w" },
  { label: "Variables", path: "/variables", key: "v" },
  { label: "Events", path: "/events", key: "e" },
  { label: "Artifacts", path: "/artifacts", key: "a" },
  { label: "Concurrency", path: "/concurrency", key: "c" },
  { label: "Settings", path: "/settings", key: "s" },
];
