/**
 * What an artifact shows, decided from its type and data alone (pure, so it is tested in
 * Node): the shapes written by the SDK's `create…Artifact` functions, with unsafe URLs
 * refused and anything unexpected shown as JSON.
 *
 * @module
 */
import type { Artifact } from "../../api/types.js";
import { safeImageUrl, safeLinkUrl } from "./safe-url.js";
import { normaliseTable, type TableData } from "./table-data.js";

/** An artifact's content, ready to draw. */
export type ArtifactContent =
  | { readonly kind: "markdown"; readonly markdown: string }
  | { readonly kind: "table"; readonly table: TableData }
  | {
      readonly kind: "link";
      /** The safe URL to open, absent when the stored URL is not http(s) or mailto. */
      readonly href: string | undefined;
      readonly url: string;
      readonly text: string;
    }
  | { readonly kind: "progress"; readonly percent: number }
  | {
      readonly kind: "image";
      /** The safe URL to show, absent when the stored URL is not http(s) or data:image. */
      readonly src: string | undefined;
      readonly url: string;
      readonly alt: string;
    }
  | { readonly kind: "json"; readonly json: string };

function field(data: unknown, name: string): unknown {
  return typeof data === "object" && data !== null && !Array.isArray(data)
    ? (data as Record<string, unknown>)[name]
    : undefined;
}

function asJson(data: unknown): ArtifactContent {
  return { kind: "json", json: JSON.stringify(data, null, 2) ?? String(data) };
}

/**
 * How to show `artifact`.
 *
 * - markdown: a string (`createMarkdownArtifact`);
 * - table: rows or columns (`createTableArtifact`), see {@link normaliseTable};
 * - link: `{ link, text }` (`createLinkArtifact`), or a bare URL string;
 * - progress: a number 0–100 (`createProgressArtifact`), clamped;
 * - image: `{ url }` (`createImageArtifact`), or a bare URL string;
 * - anything else: pretty JSON.
 *
 * @example
 * ```ts
 * artifactContent({ type: "progress", data: 42 } as Artifact); // { kind: "progress", percent: 42 }
 * ```
 */
export function artifactContent(
  artifact: Pick<Artifact, "type" | "data" | "description" | "key">,
): ArtifactContent {
  const { data } = artifact;
  switch (artifact.type) {
    case "markdown":
      return typeof data === "string" ? { kind: "markdown", markdown: data } : asJson(data);
    case "table": {
      const table = normaliseTable(data);
      return table === undefined ? asJson(data) : { kind: "table", table };
    }
    case "link": {
      const url = typeof data === "string" ? data : field(data, "link");
      if (typeof url !== "string") return asJson(data);
      const text = field(data, "text");
      return {
        kind: "link",
        href: safeLinkUrl(url),
        url,
        text: typeof text === "string" && text !== "" ? text : url,
      };
    }
    case "progress": {
      const value = typeof data === "number" ? data : field(data, "progress");
      if (typeof value !== "number" || !Number.isFinite(value)) return asJson(data);
      return { kind: "progress", percent: Math.min(100, Math.max(0, value)) };
    }
    case "image": {
      const url = typeof data === "string" ? data : field(data, "url");
      if (typeof url !== "string") return asJson(data);
      const alt = artifact.description ?? artifact.key ?? "Artifact image";
      return { kind: "image", src: safeImageUrl(url), url, alt };
    }
    default:
      return asJson(data);
  }
}
