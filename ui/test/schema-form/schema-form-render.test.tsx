import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  initialFormState,
  readForm,
  type SchemaFormState,
} from "../../src/components/schema-form/form-state.js";
import { SchemaForm } from "../../src/components/schema-form/schema-form.js";
import type { SchemaFormHandle } from "../../src/components/schema-form/use-schema-form.js";
import type { FieldIssue } from "../../src/api/api-error.js";

const SCHEMA = {
  type: "object",
  properties: {
    n: { type: "integer", maximum: 10, description: "How many" },
    flag: { type: "boolean", title: "Flaky load" },
    mode: { type: "string", enum: ["full", "incremental"] },
    config: { type: "object", properties: { retries: { type: "integer", maximum: 3 } } },
  },
  required: ["n"],
};

/** A handle over a fixed state (no React state: rendered once to HTML). */
function handle(state: SchemaFormState): SchemaFormHandle {
  const noop = () => undefined;
  return {
    state,
    idPrefix: "f",
    reading: readForm(state),
    modeProblem: undefined,
    setDraft: noop,
    setJsonText: noop,
    toggleMode: noop,
    submit: () => ({ ok: false }),
    reset: noop,
  };
}

function render(value: unknown, options: { submitted?: boolean; serverIssues?: FieldIssue[] } = {}): string {
  const state = { ...initialFormState(SCHEMA, value), showIssues: options.submitted ?? false };
  return renderToString(<SchemaForm form={handle(state)} serverIssues={options.serverIssues ?? []} />);
}

describe("the schema form's HTML", () => {
  it("labels each input with the parameter's name, or its title", () => {
    const html = render({ n: 1 });
    expect(html).toContain('<label for="f-n">n</label>');
    expect(html).toContain('<label for="f-flag">Flaky load</label>');
    expect(html).toContain('<label for="f-mode">mode</label>');
    expect(html).toContain('<label for="f-config__retries">retries</label>');
    expect(html).toContain("<legend>config</legend>");
  });

  it("shows the description and constraints as help linked to the input", () => {
    const html = render({ n: 1 });
    expect(html).toMatch(/id="f-n"[^>]*aria-describedby="f-n-help"/);
    expect(html).toContain('<div class="field-help" id="f-n-help">How many · whole number, ≤ 10</div>');
  });

  it("hides client problems until the first submit, then marks the input invalid with its error", () => {
    expect(render({ n: 11 })).not.toContain("field-error");
    const html = render({ n: 11 }, { submitted: true });
    expect(html).toMatch(/id="f-n"[^>]*aria-invalid="true"[^>]*aria-describedby="f-n-error f-n-help"/);
    expect(html).toContain('<div class="field-error" id="f-n-error">must be ≤ 10</div>');
  });

  it("shows a server issue on its field, and one of no field at the top as an alert", () => {
    const html = render(
      { n: 1 },
      {
        serverIssues: [
          { path: "config.retries", message: "must be <= 3" },
          { path: "", message: "must NOT have additional properties" },
        ],
      },
    );
    expect(html).toContain('<div class="field-error" id="f-config__retries-error">must be &lt;= 3</div>');
    expect(html).toMatch(/role="alert"><ul><li>must NOT have additional properties<\/li>/);
  });

  it("offers Edit as JSON", () => {
    expect(render({})).toContain("Edit as JSON");
  });
});
