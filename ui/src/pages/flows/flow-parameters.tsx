/**
 * A flow's parameters as a table (name, type, constraints, required, default,
 * description), read from its parameter JSON Schema, with the schema itself on demand.
 *
 * @module
 */
import { parameterRows } from "../../components/schema-form/parameter-rows.js";

/** The parameters of a flow, or why there are none to show. */
export function FlowParameters({ schema }: { readonly schema: Record<string, unknown> | undefined }) {
  if (schema === undefined) {
    return (
      <p className="muted">
        This flow sent no parameter schema (flows declare one with <code>params: z.object(…)</code>).
      </p>
    );
  }
  const rows = parameterRows(schema);
  return (
    <>
      {rows.length === 0 ? (
        <p className="muted">This flow takes no parameters.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col">Type</th>
                <th scope="col">Constraints</th>
                <th scope="col">Required</th>
                <th scope="col">Default</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.name}>
                  <td className="mono">{row.name}</td>
                  <td className="mono wrap">{row.type}</td>
                  <td className="wrap">{row.constraints}</td>
                  <td>{row.required ? "yes" : "no"}</td>
                  <td className="mono wrap">{row.defaultValue}</td>
                  <td className="wrap">{row.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className="deployment-section">
        <summary>JSON Schema</summary>
        <pre className="block">{JSON.stringify(schema, null, 2)}</pre>
      </details>
    </>
  );
}
