/**
 * Tag limits: at most N task runs with a tag run at once. The table shows each limit's
 * slots in use and the task runs holding them (named in one request for the table).
 *
 * @module
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { api, post } from "../../api/client.js";
import type { TagConcurrencyLimit, TaskRun } from "../../api/types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { StateBadge } from "../../components/state-badge.js";
import { RelativeTime } from "../../components/time.js";
import { useToaster } from "../../components/toasts.js";
import { ConfirmButton } from "../../components/confirm-button.js";
import { offsetPage, readOffset } from "../../components/offset-page.js";
import { OffsetPager } from "../../components/offset-pager.js";
import { LIMITS_PAGE_SIZE, LIMITS_REFRESH_MS, withOffset } from "./concurrency-view.js";
import { SlotMeter } from "./slot-meter.js";
import { TagLimitForm } from "./tag-limit-form.js";
import { holderIds, HOLDERS_SHOWN, useHolderRuns } from "./use-holder-runs.js";

type Editing = { readonly mode: "new" } | { readonly mode: "edit"; readonly limit: TagConcurrencyLimit };

function Holders({
  ids,
  runs,
}: {
  readonly ids: readonly string[];
  readonly runs: ReadonlyMap<string, TaskRun>;
}) {
  if (ids.length === 0) return <span className="muted">—</span>;
  return (
    <span className="holders">
      {ids.slice(0, HOLDERS_SHOWN).map((id) => {
        const run = runs.get(id);
        return run === undefined ? (
          <span key={id} className="mono muted" title={id}>
            {id.slice(0, 8)}
          </span>
        ) : (
          <Link key={id} to={`/task-runs/${id}`} className="holder">
            <StateBadge type={run.state.type} name={run.state.name} /> {run.name}
          </Link>
        );
      })}
      {ids.length > HOLDERS_SHOWN && <span className="muted">{`+${ids.length - HOLDERS_SHOWN} more`}</span>}
    </span>
  );
}

/** The tag limits section of the Concurrency page (`?tagOffset=` pages it). */
export function TagLimitsSection() {
  const [params, setParams] = useSearchParams();
  const offset = readOffset(params, "tagOffset");
  const [editing, setEditing] = useState<Editing | undefined>(undefined);
  const client = useQueryClient();
  const toaster = useToaster();
  const filter = { limit: LIMITS_PAGE_SIZE + 1, offset };
  const query = useQuery({
    queryKey: ["concurrency", "tags", filter],
    queryFn: ({ signal }) => post<TagConcurrencyLimit[]>("/concurrency_limits/filter", filter, signal),
    placeholderData: keepPreviousData,
    refetchInterval: LIMITS_REFRESH_MS,
  });
  const page = query.data === undefined ? undefined : offsetPage(query.data, LIMITS_PAGE_SIZE);
  const runs = useHolderRuns(holderIds(page?.items ?? []));
  const remove = useMutation({
    mutationFn: (tag: string) =>
      api<void>(`/concurrency_limits/tag/${encodeURIComponent(tag)}`, { method: "DELETE" }),
    onSuccess: async (_, tag) => {
      toaster.info(`Limit of tag ${tag} deleted`);
      await client.invalidateQueries({ queryKey: ["concurrency", "tags"] });
    },
    onError: (error) => toaster.error(error, "Delete tag limit"),
  });

  return (
    <section className="concurrency-section" aria-labelledby="tag-limits-title">
      <div className="section-header">
        <h2 id="tag-limits-title">Tag limits</h2>
        <span className="muted">At most N task runs with a tag run at once.</span>
        <button type="button" className="primary" onClick={() => setEditing({ mode: "new" })}>
          New tag limit
        </button>
      </div>
      {editing !== undefined && (
        <TagLimitForm
          key={editing.mode === "new" ? "new" : editing.limit.tag}
          existing={editing.mode === "edit" ? editing.limit : undefined}
          onDone={() => setEditing(undefined)}
        />
      )}
      {query.error !== null ? (
        <ErrorNotice error={query.error} />
      ) : page === undefined ? (
        <p className="muted">Loading tag limits…</p>
      ) : page.items.length === 0 && offset === 0 ? (
        <EmptyState title="No tag limits." command="ordo concurrency-limit create TAG 10">
          <p>Limit how many task runs with a tag (say, a database) run at once.</p>
        </EmptyState>
      ) : (
        <>
          <table className="table limits-table">
            <thead>
              <tr>
                <th scope="col">Tag</th>
                <th scope="col">Limit</th>
                <th scope="col">In use</th>
                <th scope="col">Held by</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((limit) => (
                <tr key={limit.id}>
                  <td>
                    <span className="tag">{limit.tag}</span>
                  </td>
                  <td className="mono">
                    {limit.concurrencyLimit}
                    {limit.concurrencyLimit === 0 && <span className="muted"> (blocks all)</span>}
                  </td>
                  <td>
                    <SlotMeter active={limit.activeSlots.length} limit={limit.concurrencyLimit} />
                  </td>
                  <td>
                    <Holders ids={limit.activeSlots} runs={runs} />
                  </td>
                  <td>
                    {/* Remounted on change: its clock starts now, so a just-updated time never reads "in 2 sec.". */}
                    <RelativeTime at={limit.updatedAt} />
                  </td>
                  <td className="actions">
                    <span className="row" style={{ flexWrap: "nowrap", justifyContent: "flex-end" }}>
                      <button
                        type="button"
                        className="icon"
                        aria-label={`Edit the limit of tag ${limit.tag}`}
                        onClick={() => setEditing({ mode: "edit", limit })}
                      >
                        Edit
                      </button>
                      <ConfirmButton
                        label="Delete"
                        ariaLabel={`Delete the limit of tag ${limit.tag}`}
                        question={`Delete the limit of ${limit.tag}?`}
                        busy={remove.isPending && remove.variables === limit.tag}
                        onConfirm={() => remove.mutate(limit.tag)}
                      />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <OffsetPager
            offset={offset}
            pageSize={LIMITS_PAGE_SIZE}
            shown={page.items.length}
            hasMore={page.hasMore}
            noun="Tag limits"
            onOffset={(next) => setParams(withOffset(params, "tagOffset", next))}
          />
        </>
      )}
    </section>
  );
}
