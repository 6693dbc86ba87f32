/**
 * Unknown address.
 *
 * @module
 */
import { Link } from "react-router";
import { PageHeader } from "../components/page-header.js";

/** What an unknown address shows. */
export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Not found" />
      <p>
        Nothing lives at this address. Go to the <Link to="/">dashboard</Link> or the{" "}
        <Link to="/runs">runs</Link>.
      </p>
    </>
  );
}
