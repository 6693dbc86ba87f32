/**
 * One artifact's content, rendered by its type: markdown (safely), tables, links,
 * progress and images; anything else as pretty JSON. Used by the artifacts pages and the
 * flow run's Artifacts tab.
 *
 * @module
 */
import type { Artifact } from "../../api/types.js";
import { artifactContent } from "./artifact-content.js";
import { ImageView } from "./image-view.js";
import { LinkView } from "./link-view.js";
import { MarkdownView } from "./markdown-view.js";
import { ProgressView } from "./progress-view.js";
import { TableView } from "./table-view.js";
import "./artifacts.css";

/** Renders `artifact` (markdown, table, link, progress, image; else JSON). */
export function ArtifactView({ artifact }: { readonly artifact: Artifact }) {
  const content = artifactContent(artifact);
  const name = artifact.description ?? artifact.key;
  switch (content.kind) {
    case "markdown":
      return <MarkdownView markdown={content.markdown} />;
    case "table":
      return <TableView table={content.table} caption={name} />;
    case "link":
      return <LinkView href={content.href} url={content.url} text={content.text} />;
    case "progress":
      return <ProgressView percent={content.percent} label={name} />;
    case "image":
      return <ImageView src={content.src} url={content.url} alt={content.alt} />;
    case "json":
      return <pre className="block">{content.json}</pre>;
  }
}
