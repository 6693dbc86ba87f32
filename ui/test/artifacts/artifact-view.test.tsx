import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Artifact, ArtifactType } from "../../src/api/types.js";
import { artifactContent } from "../../src/components/artifacts/artifact-content.js";
import { ArtifactView } from "../../src/components/artifacts/artifact-view.js";
import { formatPercent } from "../../src/components/artifacts/progress-view.js";

function artifact(type: ArtifactType, data: unknown, more: Partial<Artifact> = {}): Artifact {
  return { id: "a1", type, data, createdAt: 1, updatedAt: 1, ...more };
}

const render = (a: Artifact): string => renderToString(<ArtifactView artifact={a} />);

describe("markdown artifacts", () => {
  it("render headings (two levels below the page's own), emphasis and lists", () => {
    const html = render(
      artifact("markdown", "# Report\n\n## Totals\n\n**12** rows loaded\n\n- users\n- orders"),
    );
    expect(html).toContain("<h3>Report</h3>");
    expect(html).toContain("<h4>Totals</h4>");
    expect(html).not.toContain("<h1");
    expect(html).toContain("<strong>12</strong>");
    expect(html).toContain("<li>users</li>");
  });

  it("render raw HTML as text, never as elements", () => {
    const html = render(
      artifact("markdown", '<script>alert(1)</script>\n\nhi <img src=x onerror="alert(1)">'),
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("keep a javascript: link's text but not the link", () => {
    const html = render(artifact("markdown", "[x](javascript:alert(1)) and [y](JAVASCRIPT:alert(2))"));
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toContain("<a");
    expect(html).toContain(">x</span>");
  });

  it("open http links in a new tab without opener or referrer", () => {
    const html = render(artifact("markdown", "[docs](https://example.com/docs)"));
    expect(html).toContain('href="https://example.com/docs"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain('target="_blank"');
  });

  it("show http and data:image images, and name the others without loading them", () => {
    const safe = render(artifact("markdown", "![chart](https://example.com/c.png)"));
    expect(safe).toContain('src="https://example.com/c.png"');
    expect(safe).toContain('alt="chart"');
    const unsafe = render(artifact("markdown", "![chart](javascript:alert(1))"));
    expect(unsafe).not.toContain("<img");
    expect(unsafe).not.toMatch(/javascript:/i);
    expect(unsafe).toContain("image: chart not shown");
  });
});

describe("table artifacts", () => {
  it("render a header row and one row per record", () => {
    const html = render(artifact("table", [{ table: "users", rows: 12 }]));
    expect(html).toContain('<th scope="col">table</th><th scope="col">rows</th>');
    expect(html).toContain("<td>users</td><td>12</td>");
  });

  it("cap the rows drawn and say how many there are", () => {
    const rows = Array.from({ length: 1200 }, (_, i) => ({ i }));
    const html = render(artifact("table", rows));
    expect(html.match(/<tr>/g)).toHaveLength(1 + 500);
    expect(html).toContain("Showing the first 500 of 1,200 rows.");
  });
});

describe("link artifacts", () => {
  it("render a safe link with its text", () => {
    const html = render(artifact("link", { link: "https://dash.example.com/etl", text: "Dashboard" }));
    expect(html).toContain(
      '<a href="https://dash.example.com/etl" target="_blank" rel="noopener noreferrer">Dashboard</a>',
    );
  });

  it("render a javascript: link as text only", () => {
    const html = render(artifact("link", { link: "javascript:alert(1)", text: "Click" }));
    expect(html).not.toContain("<a");
    expect(html).toContain("Click");
  });
});

describe("progress artifacts", () => {
  it("render a progress bar with the percentage", () => {
    const html = render(artifact("progress", 42.54, { key: "backfill" }));
    expect(html).toMatch(/<progress[^>]*max="100"[^>]*value="42.54"/);
    expect(html).toContain('aria-label="backfill"');
    expect(html).toContain("42.5%");
  });

  it("clamp values outside 0–100", () => {
    expect(artifactContent(artifact("progress", 140))).toEqual({ kind: "progress", percent: 100 });
    expect(artifactContent(artifact("progress", -3))).toEqual({ kind: "progress", percent: 0 });
  });

  it("print whole percentages without decimals", () => {
    expect(formatPercent(50)).toBe("50%");
    expect(formatPercent(33.333)).toBe("33.3%");
  });
});

describe("image artifacts", () => {
  it("render an http image with its description as alt text", () => {
    const html = render(
      artifact("image", { url: "https://example.com/c.png" }, { description: "Rows per day" }),
    );
    expect(html).toContain('src="https://example.com/c.png"');
    expect(html).toContain('alt="Rows per day"');
  });

  it("never load a javascript: or data:text image", () => {
    for (const url of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>"]) {
      const html = render(artifact("image", { url }));
      expect(html).not.toContain("<img");
      expect(html).not.toMatch(/<script/i);
    }
  });
});

describe("other data", () => {
  it("render as pretty JSON when the data has no shape the type expects", () => {
    const html = render(artifact("table", { rows: 3 }));
    expect(html).toContain("<pre");
    expect(html).toContain("&quot;rows&quot;: 3");
    expect(artifactContent(artifact("markdown", { a: 1 })).kind).toBe("json");
    expect(artifactContent(artifact("link", 3)).kind).toBe("json");
  });
});
