/**
 * What a brand-new server's dashboard says: how to make the first run against it.
 *
 * @module
 */
import { EmptyState } from "../../components/empty-state.js";

/** "No runs yet", with the commands that point a project at this server and run a flow. */
export function GettingStarted() {
  const apiUrl = `${window.location.origin}/api`;
  return (
    <div className="card">
      <EmptyState title="No runs yet." command="npx ordo run examples/etl.ts:etl --param n=5">
        <p>Point your project at this server, then run a flow:</p>
        <p>
          <code>{`npx ordo config set ORDO_API_URL=${apiUrl}`}</code>
        </p>
      </EmptyState>
    </div>
  );
}
