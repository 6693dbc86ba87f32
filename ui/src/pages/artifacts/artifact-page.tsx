/**
 * One artifact key: its latest version rendered, and its version history (each version
 * rendered on click, `?version=ID`; pages by `?offset=`). A progress artifact that is
 * still moving is polled, so its bar advances.
 *
 * @module
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useParams, useSearchParams } from "react-router";
import { api, post } from "../../api/client.js";
import type { Artifact } from "../../api/types.js";
import { ArtifactView } from "../../components/artifacts/artifact-view.js";
import { CopyButton } from "../../components/copy-button.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import { offsetPage, readOffset } from "../../components/offset-page.js";
import { OffsetPager } from "../../components/offset-pager.js";
import { refetchWhileProgressing, versionsFilter, VERSIONS_PAGE_SIZE } from "./artifact-filters.js";
import { ArtifactMeta } from "./artifact-meta.js";
import { artifactKey, artifactVersionsKey, latestArtifactKey } from "./artifact-query-keys.js";
import { useRunRefs } from "./use-run-refs.js";
import { VersionsTable } from "./versions-table.js";
import "./artifacts.css";

/** The Artifact page. */
export function ArtifactPage() {
  const key = useParams()["key"] ?? "";
  const [params, setParams] = useSearchParams();
  const offset = readOffset(params);
  const selected = params.get("version") ?? undefined;

  const latest = useQuery({
    queryKey: latestArtifactKey(key),
    queryFn: ({ signal }) => post<Artifact[]>("/artifacts/filter", { key, limit: 1 }, signal),
    refetchInterval: (q) => refetchWhileProgressing(q.state.data),
  });
  const filter = versionsFilter(key, offset);
  const versions = useQuery({
    queryKey: artifactVersionsKey(filter),
    queryFn: ({ signal }) => post<Artifact[]>("/artifacts/filter", filter, signal),
    placeholderData: keepPreviousData,
  });
  const page = versions.data === undefined ? undefined : offsetPage(versions.data, VERSIONS_PAGE_SIZE);
  const latestVersion = latest.data?.[0];
  const chosen = useQuery({
    queryKey: artifactKey(selected ?? ""),
    queryFn: ({ signal }) => api<Artifact>(`/artifacts/${encodeURIComponent(selected ?? "")}`, { signal }),
    enabled: selected !== undefined,
    // Shown at once from the history already loaded; fetched when linked to directly.
    initialData: () => page?.items.find((version) => version.id === selected),
    refetchInterval: (q) => refetchWhileProgressing(q.state.data === undefined ? [] : [q.state.data]),
  });
  const shownVersion = selected === undefined ? undefined : chosen.data;
  const refs = useRunRefs([latestVersion, shownVersion, ...(page?.items ?? [])]);

  const select = (version: string | undefined) => {
    const next = new URLSearchParams(params);
    if (version === undefined) next.delete("version");
    else next.set("version", version);
    setParams(next, { replace: true });
  };

  const header = (
    <PageHeader title={key}>
      <CopyButton value={key} label="Copy key" />
      {latestVersion !== undefined && <span className="tag">{latestVersion.type}</span>}
    </PageHeader>
  );
  if (latest.error !== null) {
    return (
      <>
        {header}
        <ErrorNotice error={latest.error} />
      </>
    );
  }
  if (latest.data === undefined) {
    return (
      <>
        {header}
        <p className="muted">Loading artifact…</p>
      </>
    );
  }
  if (latestVersion === undefined) {
    return (
      <>
        {header}
        <EmptyState title={`No artifact has the key “${key}”.`} command="ordo artifact ls">
          <p>Keys are lowercase letters, digits and dashes. The CLI lists every key.</p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {header}
      <section className="card artifact-section" aria-labelledby="latest-title">
        <h2 id="latest-title">Latest version</h2>
        <ArtifactMeta artifact={latestVersion} refs={refs} />
        <div className="artifact-body">
          <ArtifactView artifact={latestVersion} />
        </div>
      </section>
      <section className="card artifact-section" aria-labelledby="versions-title">
        <h2 id="versions-title">Versions</h2>
        {versions.error !== null ? (
          <ErrorNotice error={versions.error} />
        ) : page === undefined ? (
          <p className="muted">Loading versions…</p>
        ) : (
          <>
            <VersionsTable
              versions={page.items}
              latestId={latestVersion.id}
              selected={selected}
              onSelect={select}
              refs={refs}
            />
            <OffsetPager
              offset={offset}
              pageSize={VERSIONS_PAGE_SIZE}
              shown={page.items.length}
              hasMore={page.hasMore}
              noun="Versions"
              onOffset={(next) => {
                const nextParams = new URLSearchParams(params);
                if (next > 0) nextParams.set("offset", String(next));
                else nextParams.delete("offset");
                setParams(nextParams);
              }}
            />
          </>
        )}
      </section>
      {selected !== undefined && (
        <section className="card artifact-section" aria-labelledby="version-title" aria-live="polite">
          <div className="row">
            <h2 id="version-title" style={{ margin: 0 }}>
              {selected === latestVersion.id ? "Selected version (the latest)" : "Selected version"}
            </h2>
            <button
              type="button"
              className="icon"
              onClick={() => select(undefined)}
              style={{ marginLeft: "auto" }}
            >
              Close
            </button>
          </div>
          {chosen.error !== null ? (
            <ErrorNotice error={chosen.error} />
          ) : shownVersion === undefined ? (
            <p className="muted">Loading version…</p>
          ) : shownVersion.key !== key ? (
            <ErrorNotice error={new Error(`artifact ${selected} is not a version of ${key}`)} />
          ) : (
            <>
              <ArtifactMeta artifact={shownVersion} refs={refs} />
              <div className="artifact-body">
                <ArtifactView artifact={shownVersion} />
              </div>
            </>
          )}
        </section>
      )}
    </>
  );
}
