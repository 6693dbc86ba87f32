/**
 * An API error shown in place: the error's code and message.
 *
 * @module
 */
import { ApiError } from "../api/api-error.js";

/** A failed query or action, with the API's error code. */
export function ErrorNotice({ error }: { readonly error: unknown }) {
  const code = error instanceof ApiError ? error.code : "ORDO_UI_ERROR";
  const message = error instanceof Error ? error.message : String(error);
  return (
    <div className="error-box" role="alert">
      <strong className="mono">{code}</strong> {message}
    </div>
  );
}
