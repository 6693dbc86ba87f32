/**
 * Global limits: named limits taken by `concurrency()` and `rateLimit()`; with slot
 * decay they are rate limits. Create, edit, enable/disable and delete.
 *
 * @module
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { api, post } from "../../api/client.js";
import type { GlobalConcurrencyLimit } from "../../api/types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { RelativeTime } from "../../components/time.js";
import { useToaster } from "../../components/toasts.js";
import { ConfirmButton } from "../../components/confirm-button.js";
import { offsetPage, readOffset } from "../../components/offset-page.js";
import { OffsetPager } from "../../components/offset-pager.js";
import { LIMITS_PAGE_SIZE, LIMITS_REFRESH_MS, withOffset } from "./concurrency-view.js";
import { GlobalLimitForm } from "./global-limit-form.js";
import { formatDecay } from "./limit-form.js";
import { SlotMeter } from "./slot-meter.js";

type Editing = { readonly mode: "new" } | { readonly mode: "edit"; readonly limit: GlobalConcurrencyLimit };

const limitPath = (name: string) => `/global_concurrency_limits/${encodeURIComponent(name)}`;

/** The global limits section of the Concurrency page (`?globalOffset=` pages it). */
export function GlobalLimitsSection() {
  const [params, setParams] = useSearchParams();
  const offset = readOffset(params, "globalOffset");
  const [editing, setEditing] = useState<Editing | undefined>(undefined);
  const client = useQueryClient();
  const toaster = useToaster();
  const filter = { limit: LIMITS_PAGE_SIZE + 1, offset };
  const query = useQuery({
    queryKey: ["concurrency", "global", filter],
    queryFn: ({ signal }) =>
      post<GlobalConcurrencyLimit[]>("/global_concurrency_limits/filter", filter, signal),
    placeholderData: keepPreviousData,
    refetchInterval: LIMITS_REFRESH_MS,
  });
  const page = query.data === undefined ? undefined : offsetPage(query.data, LIMITS_PAGE_SIZE);
  const refresh = () => client.invalidateQueries({ queryKey: ["concurrency", "global"] });
  const toggle = useMutation({
    mutationFn: (limit: GlobalConcurrencyLimit) =>
      api<GlobalConcurrencyLimit>(limitPath(limit.name), {
        method: "PATCH",
        body: { active: !limit.active },
      }),
    onSuccess: async (saved) => {
      toaster.info(`Limit ${saved.name} ${saved.active ? "enabled" : "disabled"}`);
      await refresh();
    },
    onError: (error) => toaster.error(error, "Change global limit"),
  });
  const remove = useMutation({
    mutationFn: (name: string) => api<void>(limitPath(name), { method: "DELETE" }),
    onSuccess: async (_, name) => {
      toaster.info(`Limit ${name} deleted`);
      await refresh();
    },
    onError: (error) => toaster.error(error, "Delete global limit"),
  });

  return (
    <section className="concurrency-section" aria-labelledby="global-limits-title">
      <div className="section-header">
        <h2 id="global-limits-title">Global limits</h2>
        <span className="muted">Named limits for concurrency() and rateLimit().</span>
        <button type="button" className="primary" onClick={() => setEditing({ mode: "new" })}>
          New global limit
        </button>
      </div>
      {editing !== undefined && (
        <GlobalLimitForm
          key={editing.mode === "new" ? "new" : editing.limit.name}
          existing={editing.mode === "edit" ? editing.limit : undefined}
          onDone={() => setEditing(undefined)}
        />
      )}
      {query.error !== null ? (
        <ErrorNotice error={query.error} />
      ) : page === undefined ? (
        <p className="muted">Loading global limits…</p>
      ) : page.items.length === 0 && offset === 0 ? (
        <EmptyState title="No global limits." command="ordo global-concurrency-limit create NAME --limit 5">
          <p>Share slots across flows with concurrency(NAME), or rate-limit with --slot-decay-per-second.</p>
        </EmptyState>
      ) : (
        <>
          <table className="table limits-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Limit</th>
                <th scope="col">In use</th>
                <th scope="col">Slot decay</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((limit) => (
                <tr key={limit.id} className={limit.active ? undefined : "inactive"}>
                  <td className="mono">{limit.name}</td>
                  <td>
                    <span className={`badge ${limit.active ? "active" : "inactive"}`}>
                      {limit.active ? "Active" : "Inactive"}
                    </span>
                  </td>
                  <td className="mono">{limit.limit}</td>
                  <td>
                    <SlotMeter active={limit.activeSlots} limit={limit.limit} />
                  </td>
                  <td
                    className="mono"
                    title={
                      limit.slotDecayPerSecond > 0
                        ? "A rate limit: slots free themselves at this rate"
                        : "No decay: slots are held until released"
                    }
                  >
                    {formatDecay(limit.slotDecayPerSecond)}
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
                        aria-label={`Edit ${limit.name}`}
                        onClick={() => setEditing({ mode: "edit", limit })}
                      >
                        Edit
                      </button>
                      <button
                        type="button"
                        className="icon"
                        aria-label={`${limit.active ? "Disable" : "Enable"} ${limit.name}`}
                        disabled={toggle.isPending && toggle.variables.id === limit.id}
                        onClick={() => toggle.mutate(limit)}
                      >
                        {limit.active ? "Disable" : "Enable"}
                      </button>
                      <ConfirmButton
                        label="Delete"
                        ariaLabel={`Delete ${limit.name}`}
                        question={`Delete ${limit.name}?`}
                        busy={remove.isPending && remove.variables === limit.name}
                        onConfirm={() => remove.mutate(limit.name)}
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
            noun="Global limits"
            onOffset={(next) => setParams(withOffset(params, "globalOffset", next))}
          />
        </>
      )}
    </section>
  );
}
