/**
 * A link artifact: a link when its URL is http(s) or mailto, else the URL as plain text.
 *
 * @module
 */

/** Props of {@link LinkView}. */
export interface LinkViewProps {
  /** The safe URL, or undefined when the stored one is refused. */
  readonly href: string | undefined;
  readonly url: string;
  readonly text: string;
}

/** Opens `href` in a new tab, without opener or referrer; shows a refused URL as text. */
export function LinkView({ href, url, text }: LinkViewProps) {
  if (href === undefined) {
    return (
      <p className="artifact-link">
        <span>{text}</span>{" "}
        <span className="muted">
          (not opened: <code>{url}</code> is not an http(s) or mailto URL)
        </span>
      </p>
    );
  }
  return (
    <p className="artifact-link">
      <a href={href} target="_blank" rel="noopener noreferrer">
        {text}
      </a>
      {text !== url && <span className="muted mono"> {url}</span>}
    </p>
  );
}
