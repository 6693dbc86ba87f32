/**
 * Which URLs an artifact may open or show. Artifacts are written by user code, so the UI
 * only follows web and mail links and only shows web or inline images: `javascript:`,
 * `vbscript:`, `data:text/html`, `file:` and relative URLs are refused.
 *
 * @module
 */

const LINK_PROTOCOLS: ReadonlySet<string> = new Set(["http:", "https:", "mailto:"]);
const IMAGE_PROTOCOLS: ReadonlySet<string> = new Set(["http:", "https:"]);
/** Inline images of the raster (and SVG, which never runs scripts inside `<img>`) types. */
const DATA_IMAGE = /^data:image\/(?:png|jpe?g|gif|webp|avif|bmp|svg\+xml)[;,]/i;

function parse(url: unknown): URL | undefined {
  if (typeof url !== "string") return undefined;
  const text = url.trim();
  if (text === "" || text.length > 8 * 1024 * 1024) return undefined;
  try {
    // No base: a relative URL does not parse, so it is refused.
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The URL to put in a link's `href`, or `undefined` when it is not an `http:`, `https:`
 * or `mailto:` URL.
 *
 * @example
 * ```ts
 * safeLinkUrl("https://example.com/a"); // "https://example.com/a"
 * safeLinkUrl("javascript:alert(1)"); // undefined
 * ```
 */
export function safeLinkUrl(url: unknown): string | undefined {
  const parsed = parse(url);
  return parsed !== undefined && LINK_PROTOCOLS.has(parsed.protocol) ? parsed.href : undefined;
}

/**
 * The URL to put in an image's `src`, or `undefined` unless it is an `http:`/`https:`
 * URL or a `data:image/…` URL.
 *
 * @example
 * ```ts
 * safeImageUrl("data:image/png;base64,iVBOR…"); // kept
 * safeImageUrl("data:text/html,<script>…"); // undefined
 * ```
 */
export function safeImageUrl(url: unknown): string | undefined {
  const parsed = parse(url);
  if (parsed === undefined) return undefined;
  if (IMAGE_PROTOCOLS.has(parsed.protocol)) return parsed.href;
  if (parsed.protocol === "data:" && typeof url === "string" && DATA_IMAGE.test(url.trim())) {
    return url.trim();
  }
  return undefined;
}
