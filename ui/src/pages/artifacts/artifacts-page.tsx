/**
 * Artifacts: the latest version of each key (and every artifact without a key), newest
 * first, filtered by type and exact key, paged by offset; all in the URL.
 *
 * @module
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { post } from "../../api/client.js";
import type { Artifact } from "../../api/types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import { offsetPage } from "../../components/offset-page.js";
import { OffsetPager } from "../../components/offset-pager.js";
import {
  ARTIFACT_TYPES,
  artifactListFilter,
  ARTIFACTS_PAGE_SIZE,
  isArtifactType,
  emptyListTitle,
  refetchWhileProgressing,
  readArtifactListView,
  writeArtifactListView,
} from "./artifact-filters.js";
import { artifactListKey } from "./artifact-query-keys.js";
import { ArtifactsTable } from "./artifacts-table.js";
import { KeySearch } from "./key-search.js";
import { useRunRefs } from "./use-run-refs.js";
import "./artifacts.css";

/** The Artifacts page. */
export function ArtifactsPage() {
  const [params, setParams] = useSearchParams();
  const view = readArtifactListView(params);
  const filter = artifactListFilter(view);
  const query = useQuery({
    queryKey: artifactListKey(filter),
    queryFn: ({ signal }) => post<Artifact[]>("/artifacts/filter", filter, signal),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => refetchWhileProgressing(q.state.data),
  });
  const page = query.data === undefined ? undefined : offsetPage(query.data, ARTIFACTS_PAGE_SIZE);
  const refs = useRunRefs(page?.items ?? []);
  const filtered = view.type !== undefined || view.key !== "";

  return (
    <>
      <PageHeader title="Artifacts" />
      <div className="row artifacts-filters">
        <label htmlFor="artifact-type" className="inline-label">
          Type
        </label>
        <select
          id="artifact-type"
          value={view.type ?? ""}
          onChange={(event) => {
            const type = event.target.value;
            setParams(
              writeArtifactListView({
                ...view,
                type: isArtifactType(type) ? type : undefined,
                offset: 0,
                preview: undefined,
              }),
            );
          }}
        >
          <option value="">All types</option>
          {ARTIFACT_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
        <KeySearch
          key={view.key}
          current={view.key}
          onSearch={(key) =>
            setParams(writeArtifactListView({ ...view, key, offset: 0, preview: undefined }))
          }
        />
      </div>
      {query.error !== null ? (
        <ErrorNotice error={query.error} />
      ) : page === undefined ? (
        <p className="muted">Loading artifacts…</p>
      ) : page.items.length === 0 && view.offset === 0 ? (
        filtered ? (
          <EmptyState title={emptyListTitle(view)} command="ordo artifact ls">
            <p>Keys match exactly. The CLI lists every key.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No artifacts yet.">
            <p>
              Flows publish markdown, tables, links, progress and images with{" "}
              <code>{'createMarkdownArtifact("# Report", { key: "daily-report" })'}</code> and its siblings;
              they appear here, linked to the run that made them.
            </p>
          </EmptyState>
        )
      ) : (
        <>
          <ArtifactsTable
            artifacts={page.items}
            refs={refs}
            preview={view.preview}
            onPreview={(preview) => setParams(writeArtifactListView({ ...view, preview }), { replace: true })}
          />
          <OffsetPager
            offset={view.offset}
            pageSize={ARTIFACTS_PAGE_SIZE}
            shown={page.items.length}
            hasMore={page.hasMore}
            noun="Artifacts"
            onOffset={(offset) => setParams(writeArtifactListView({ ...view, offset, preview: undefined }))}
          />
        </>
      )}
    </>
  );
}
