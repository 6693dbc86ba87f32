/**
 * Variables: named JSON values shared by flows, the CLI and the UI. A page of variables
 * filtered by name prefix (`?prefix=`, `?offset=` in the URL), and create / edit / delete.
 *
 * @module
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { post } from "../../api/client.js";
import type { Variable } from "../../api/types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import { offsetPage } from "../../components/offset-page.js";
import { OffsetPager } from "../../components/offset-pager.js";
import { VariableEditor } from "./variable-editor.js";
import {
  readVariableView,
  variableFilter,
  VARIABLES_PAGE_SIZE,
  writeVariableView,
} from "./variable-filters.js";
import { VariablesTable } from "./variables-table.js";
import "./variables.css";

type Editing = { readonly mode: "new" } | { readonly mode: "edit"; readonly variable: Variable };

/** The Variables page. */
export function VariablesPage() {
  const [params, setParams] = useSearchParams();
  const view = readVariableView(params);
  const [editing, setEditing] = useState<Editing | undefined>(undefined);
  const filter = variableFilter(view);
  const query = useQuery({
    queryKey: ["variables", filter],
    queryFn: ({ signal }) => post<Variable[]>("/variables/filter", filter, signal),
    placeholderData: keepPreviousData,
  });
  const page = query.data === undefined ? undefined : offsetPage(query.data, VARIABLES_PAGE_SIZE);

  return (
    <>
      <PageHeader
        title="Variables"
        actions={
          <button type="button" className="primary" onClick={() => setEditing({ mode: "new" })}>
            New variable
          </button>
        }
      />
      {editing !== undefined && (
        <VariableEditor
          key={editing.mode === "new" ? "new" : editing.variable.name}
          variable={editing.mode === "edit" ? editing.variable : undefined}
          onDone={() => setEditing(undefined)}
        />
      )}
      <div className="row variables-filter" style={{ marginBottom: 10 }}>
        <label htmlFor="variable-prefix" className="visually-hidden">
          Filter by name
        </label>
        <input
          id="variable-prefix"
          type="search"
          className="mono"
          placeholder="Filter by name prefix…"
          value={view.prefix}
          onChange={(event) =>
            setParams(writeVariableView({ prefix: event.target.value, offset: 0 }), { replace: true })
          }
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      {query.error !== null ? (
        <ErrorNotice error={query.error} />
      ) : page === undefined ? (
        <p className="muted">Loading variables…</p>
      ) : page.items.length === 0 ? (
        view.prefix === "" && view.offset === 0 ? (
          <EmptyState title="No variables yet." command="ordo variable set NAME VALUE">
            <p>
              Variables are named JSON values flows read with Variable.get(). Create one here or with the CLI.
            </p>
          </EmptyState>
        ) : (
          <EmptyState title={`No variable name starts with “${view.prefix}”.`} />
        )
      ) : (
        <>
          <VariablesTable
            variables={page.items}
            onEdit={(variable) => setEditing({ mode: "edit", variable })}
          />
          <OffsetPager
            offset={view.offset}
            pageSize={VARIABLES_PAGE_SIZE}
            shown={page.items.length}
            hasMore={page.hasMore}
            noun="Variables"
            onOffset={(offset) => setParams(writeVariableView({ ...view, offset }))}
          />
        </>
      )}
    </>
  );
}
