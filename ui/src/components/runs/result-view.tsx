/**
 * A run's result: inline JSON shown in place, inline bytes as their size, a stored result
 * as a download link with a preview on request.
 *
 * @module
 */
import { useState } from "react";
import { ApiError } from "../../api/api-error.js";
import { ErrorNotice } from "../error-notice.js";
import { describeResult, readJsonResult, type ResultRef } from "./result-ref.js";

/** How much of a stored result the preview shows. */
const PREVIEW_BYTES = 200_000;

async function fetchPreview(url: string, serializer: string): Promise<string> {
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) {
    let code = `HTTP_${response.status}`;
    let message = response.statusText;
    try {
      const body = JSON.parse(text) as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch {
      // not an API error body
    }
    throw new ApiError(code, message, response.status);
  }
  const head =
    text.length > PREVIEW_BYTES ? `${text.slice(0, PREVIEW_BYTES)}\n… (cut: download it for the rest)` : text;
  return serializer === "json" && text.length <= PREVIEW_BYTES ? readJsonResult(text).text : head;
}

function StoredResult({
  url,
  storageKey,
  serializer,
}: {
  url: string;
  storageKey: string;
  serializer: string;
}) {
  const [preview, setPreview] = useState<string | undefined>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  return (
    <div>
      <p>
        Stored in result storage under <code>{storageKey}</code> ({serializer}).{" "}
        <a href={url} download>
          Download
        </a>
        {preview === undefined && (
          <>
            {" · "}
            <button
              type="button"
              className="icon"
              disabled={loading}
              onClick={() => {
                setLoading(true);
                fetchPreview(url, serializer)
                  .then((text) => setPreview(text))
                  .catch((e: unknown) => setError(e))
                  .finally(() => setLoading(false));
              }}
            >
              {loading ? "Loading…" : "Show"}
            </button>
          </>
        )}
      </p>
      {error !== undefined && <ErrorNotice error={error} />}
      {preview !== undefined && <pre className="block">{preview}</pre>}
    </div>
  );
}

/** Shows `result`, or says there is none. */
export function ResultView({ result }: { readonly result: ResultRef | undefined }) {
  if (result === undefined)
    return <p className="muted">No result recorded (yet, or the result was not persisted).</p>;
  const display = describeResult(result);
  switch (display.kind) {
    case "json":
      return (
        <>
          <pre className="block">{display.text}</pre>
          {display.annotated && (
            <p className="muted">
              Values JSON cannot hold (dates, maps, big integers…) are shown in their JSON form.
            </p>
          )}
        </>
      );
    case "text":
      return (
        <>
          <p className="muted">Serialized with {display.serializer}:</p>
          <pre className="block">{display.text}</pre>
        </>
      );
    case "bytes":
      return <p>{display.bytes.toLocaleString("en-US")} bytes (stored inline)</p>;
    case "stored":
      return <StoredResult url={display.url} storageKey={display.key} serializer={display.serializer} />;
  }
}
