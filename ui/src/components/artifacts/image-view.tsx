/**
 * An image artifact: shown when its URL is http(s) or `data:image`, else named as text.
 *
 * @module
 */

/** Props of {@link ImageView}. */
export interface ImageViewProps {
  /** The safe URL, or undefined when the stored one is refused. */
  readonly src: string | undefined;
  readonly url: string;
  readonly alt: string;
}

/** The image, lazily loaded and without referrer. */
export function ImageView({ src, url, alt }: ImageViewProps) {
  if (src === undefined) {
    return (
      <p className="muted">
        Image not shown: <code>{url.length > 200 ? `${url.slice(0, 200)}…` : url}</code> is not an http(s) or
        data:image URL.
      </p>
    );
  }
  return (
    <figure className="artifact-image">
      <img src={src} alt={alt} loading="lazy" referrerPolicy="no-referrer" />
    </figure>
  );
}
