/**
 * The server this UI talks to: versions, database, health and readiness.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { ApiError } from "../../api/api-error.js";
import { api } from "../../api/client.js";
import { ErrorNotice } from "../../components/error-notice.js";

/** `GET /api/version`. */
interface ServerVersion {
  readonly version: string;
  readonly api: string;
  readonly database: "sqlite" | "postgres";
}

/** `GET /api/health` and `/api/ready`. */
interface Health {
  readonly status: "ok" | "unavailable";
  readonly database?: "sqlite" | "postgres";
}

const DATABASES: Readonly<Record<ServerVersion["database"], string>> = {
  sqlite: "SQLite",
  postgres: "PostgreSQL",
};

/** Reads `path`, answering a 503's body (`/api/ready` says "unavailable" that way) too. */
async function readHealth(path: string, signal: AbortSignal): Promise<Health> {
  try {
    return await api<Health>(path, { signal });
  } catch (error) {
    if (error instanceof ApiError && error.status === 503) return { status: "unavailable" };
    throw error;
  }
}

function StatusText({ health }: { readonly health: Health | undefined }) {
  if (health === undefined) return <span className="muted">…</span>;
  return health.status === "ok" ? (
    <span className="status-ok">OK</span>
  ) : (
    <span className="status-bad">Unavailable</span>
  );
}

/** The server's versions and whether it is healthy and ready. */
export function ServerStatus() {
  const version = useQuery({
    queryKey: ["settings", "version"],
    queryFn: ({ signal }) => api<ServerVersion>("/version", { signal }),
  });
  const health = useQuery({
    queryKey: ["settings", "health"],
    queryFn: async ({ signal }) => {
      const [alive, ready] = await Promise.all([readHealth("/health", signal), readHealth("/ready", signal)]);
      return { alive, ready };
    },
    refetchInterval: 15_000,
  });
  return (
    <section className="card" aria-labelledby="server">
      <h2 id="server">Server</h2>
      {version.error !== null && <ErrorNotice error={version.error} />}
      {health.error !== null && <ErrorNotice error={health.error} />}
      <dl className="props">
        <dt>Server version</dt>
        <dd className="mono">{version.data?.version ?? "…"}</dd>
        <dt>API version</dt>
        <dd className="mono">{version.data?.api ?? "…"}</dd>
        <dt>Database</dt>
        <dd>{version.data === undefined ? "…" : DATABASES[version.data.database]}</dd>
        <dt>Health</dt>
        <dd>
          <StatusText health={health.data?.alive} />
        </dd>
        <dt>Ready</dt>
        <dd>
          <StatusText health={health.data?.ready} />
          {health.data?.ready.status === "unavailable" && (
            <span className="muted"> (the database does not answer)</span>
          )}
        </dd>
      </dl>
    </section>
  );
}
