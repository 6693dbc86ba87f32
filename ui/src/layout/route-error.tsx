/**
 * What a page shows when it throws while rendering.
 *
 * @module
 */
import { Link, useRouteError } from "react-router";
import { ErrorNotice } from "../components/error-notice.js";

/** The error boundary of the router. */
export function RouteError() {
  const error = useRouteError();
  return (
    <div style={{ padding: 24 }}>
      <h1>Something went wrong</h1>
      <ErrorNotice error={error} />
      <p>
        <Link to="/">Back to the dashboard</Link>
      </p>
    </div>
  );
}
