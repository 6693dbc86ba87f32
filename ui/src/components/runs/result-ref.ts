/**
 * A run's result reference, for people: inline JSON shown as JSON, inline bytes as their
 * size, a stored result as a link to `GET /api/results/{key}`. Pure.
 *
 * @module
 */
import type { FlowRun } from "../../api/types.js";

/** A result reference (inline text or a key in result storage). */
export type ResultRef = NonNullable<FlowRun["result"]>;

/** What the UI shows of a result. */
export type ResultDisplay =
  | { readonly kind: "json"; readonly text: string; readonly annotated: boolean }
  | { readonly kind: "text"; readonly text: string; readonly serializer: string }
  | { readonly kind: "bytes"; readonly bytes: number }
  | { readonly kind: "stored"; readonly key: string; readonly url: string; readonly serializer: string };

/** The address of a stored result's bytes (below the page's origin). */
export function resultUrl(key: string): string {
  return `/api/results/${encodeURIComponent(key)}`;
}

/**
 * Reads serialized `json` text (a superjson document `{"json": …, "meta"?: …}`) as pretty
 * JSON; `annotated` says the value had types JSON cannot hold (Date, Map, bigint, …),
 * which are shown in their JSON form. Text that is not such a document comes back as is.
 */
export function readJsonResult(data: string): { readonly text: string; readonly annotated: boolean } {
  try {
    const doc = JSON.parse(data) as unknown;
    if (typeof doc === "object" && doc !== null && "json" in doc) {
      const { json, meta } = doc as { json: unknown; meta?: unknown };
      return { text: JSON.stringify(json, null, 2) ?? "undefined", annotated: meta !== undefined };
    }
    return { text: JSON.stringify(doc, null, 2), annotated: false };
  } catch {
    return { text: data, annotated: false };
  }
}

/** The byte length of base64 text. */
function base64Length(text: string): number {
  const clean = text.replace(/=+$/, "");
  return Math.floor((clean.length * 3) / 4);
}

/** How to show `ref`. */
export function describeResult(ref: ResultRef): ResultDisplay {
  if (ref.kind === "storage") {
    return { kind: "stored", key: ref.key, url: resultUrl(ref.key), serializer: ref.serializer };
  }
  if (ref.serializer === "json") return { kind: "json", ...readJsonResult(ref.data) };
  if (ref.serializer === "bytes") return { kind: "bytes", bytes: base64Length(ref.data) };
  return { kind: "text", text: ref.data, serializer: ref.serializer };
}
