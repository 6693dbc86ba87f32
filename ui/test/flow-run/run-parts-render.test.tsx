import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ResultView } from "../../src/components/runs/result-view.js";
import { StateHistory } from "../../src/components/runs/state-history.js";

describe("the state history table", () => {
  it("shows each state, how long it lasted, and its failure's error with its code, once", () => {
    const html = renderToString(
      <StateHistory
        states={[
          { type: "RUNNING", name: "Running", timestamp: 1_000 },
          {
            type: "FAILED",
            name: "Failed",
            timestamp: 5_000,
            message: "Error: boom",
            error: { name: "Error", message: "boom", code: "E_BOOM" },
          },
        ]}
      />,
    );
    expect(html).toContain("Running");
    expect(html).toContain("4.0 s");
    expect(html).toContain("Error: boom (E_BOOM)");
    // The message that only repeats the error is not shown twice.
    expect(html.match(/Error: boom/g)).toHaveLength(1);
    expect(html).toMatch(/<th scope="col">State<\/th>/);
  });

  it("says so when there is no state", () => {
    expect(renderToString(<StateHistory states={[]} />)).toContain("No state changes recorded.");
  });
});

describe("the result view", () => {
  it("shows an inline JSON result in place", () => {
    const html = renderToString(
      <ResultView result={{ kind: "inline", serializer: "json", data: '{"json":{"rows":5}}' }} />,
    );
    expect(html).toContain("&quot;rows&quot;: 5");
  });

  it("links a stored result to its bytes in result storage", () => {
    const html = renderToString(
      <ResultView result={{ kind: "storage", serializer: "json", storage: "server", key: "results/abc" }} />,
    );
    expect(html).toContain('href="/api/results/results%2Fabc"');
    expect(html).toContain("Download");
  });

  it("says when no result was recorded", () => {
    expect(renderToString(<ResultView result={undefined} />)).toContain("No result recorded");
  });
});
