/**
 * Settings and about: the server's versions and health, the API URL to give clients,
 * the theme, links to the API docs, and the keyboard shortcuts.
 *
 * @module
 */
import { API_BASE } from "../../api/client.js";
import { CopyButton } from "../../components/copy-button.js";
import { PageHeader } from "../../components/page-header.js";
import { useTheme, type ThemeChoice } from "../../theme/use-theme.js";
import { ServerStatus } from "./server-status.js";
import { shortcuts } from "./shortcuts.js";
import "./settings.css";

const THEMES: readonly { value: ThemeChoice; label: string }[] = [
  { value: "system", label: "Follow the system" },
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
];

/** The Settings page. */
export function SettingsPage() {
  const apiUrl = `${window.location.origin}${API_BASE}`;
  const [theme, setTheme] = useTheme();
  return (
    <div className="settings-page">
      <PageHeader title="Settings" />
      <div className="grid cols-2">
        <ServerStatus />
        <section className="card" aria-labelledby="api">
          <h2 id="api">API</h2>
          <dl className="props">
            <dt>API URL</dt>
            <dd>
              <span className="mono">{apiUrl}</span> <CopyButton value={apiUrl} label="Copy API URL" />
            </dd>
            <dt>Reference</dt>
            <dd>
              <a href="/docs">/docs</a> (interactive) · <a href="/api/openapi.json">/api/openapi.json</a>
            </dd>
          </dl>
          <p className="muted">Point the CLI, workers and your flows at this server:</p>
          <pre className="block">{`npx ordo config set ORDO_API_URL=${apiUrl}`}</pre>
        </section>
        <section className="card" aria-labelledby="appearance">
          <h2 id="appearance">Appearance</h2>
          <fieldset className="theme-choice">
            <legend>Theme</legend>
            {THEMES.map((t) => (
              <label key={t.value}>
                <input
                  type="radio"
                  name="theme"
                  value={t.value}
                  checked={theme === t.value}
                  onChange={() => setTheme(t.value)}
                />{" "}
                {t.label}
              </label>
            ))}
          </fieldset>
        </section>
        <section className="card" aria-labelledby="shortcuts">
          <h2 id="shortcuts">Keyboard shortcuts</h2>
          <table className="table shortcuts">
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {shortcuts().map((s) => (
                <tr key={s.keys.join(" ")}>
                  <td>
                    {s.keys.map((k, i) => (
                      <span key={i}>
                        {i > 0 && " then "}
                        <kbd>{k}</kbd>
                      </span>
                    ))}
                  </td>
                  <td>{s.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
