/**
 * Markdown from an artifact, rendered safely: no raw HTML (it shows as text), links only
 * to http(s) and mailto URLs (opened in a new tab without referrer or opener), images
 * only from http(s) or `data:image` URLs. Headings are shifted down two levels (`#` is an
 * `h3`), so an artifact never adds a heading above the page's own.
 *
 * @module
 */
import Markdown, { type Components, type UrlTransform } from "react-markdown";
import { safeImageUrl, safeLinkUrl } from "./safe-url.js";

/** Keeps safe URLs; drops the attribute (`null`) otherwise. */
const urlTransform: UrlTransform = (url, key) =>
  (key === "src" ? safeImageUrl(url) : safeLinkUrl(url)) ?? null;

const components: Components = {
  h1: ({ children }) => <h3>{children}</h3>,
  h2: ({ children }) => <h4>{children}</h4>,
  h3: ({ children }) => <h5>{children}</h5>,
  h4: ({ children }) => <h6>{children}</h6>,
  h5: ({ children }) => <h6>{children}</h6>,
  a: ({ href, children, title }) =>
    href === undefined || href === null || href === "" ? (
      // An unsafe or relative link: its text stays, the link does not.
      <span className="unsafe-link" title="This link is not an http(s) or mailto URL">
        {children}
      </span>
    ) : (
      <a href={href} title={title} target="_blank" rel="noopener noreferrer">
        {children}
      </a>
    ),
  img: ({ src, alt, title }) =>
    typeof src !== "string" || src === "" ? (
      <span className="muted">{`[image${alt ? `: ${alt}` : ""} not shown]`}</span>
    ) : (
      <img src={src} alt={alt ?? ""} title={title} loading="lazy" referrerPolicy="no-referrer" />
    ),
};

/** Renders `markdown` without raw HTML and with safe URLs only. */
export function MarkdownView({ markdown }: { readonly markdown: string }) {
  return (
    <div className="artifact-markdown">
      <Markdown skipHtml={false} urlTransform={urlTransform} components={components}>
        {markdown}
      </Markdown>
    </div>
  );
}
