import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WorkerStatus } from "../../src/pages/work-pools/pool-workers.js";

/** Server-rendered text without tags or React's text separators. */
function text(element: Parameters<typeof renderToString>[0]): string {
  return renderToString(element)
    .replaceAll("<!-- -->", "")
    .replace(/<[^>]+>/g, "");
}

describe("a worker's status on its pool's page", () => {
  it("says Online for a worker that heartbeats", () => {
    expect(text(<WorkerStatus worker={{ status: "ONLINE", stoppedAt: undefined }} />)).toBe("Online");
  });

  it("says a worker stopped when its last heartbeat said so, and only Offline when it went silent", () => {
    expect(text(<WorkerStatus worker={{ status: "OFFLINE", stoppedAt: 1_700_000_000_000 }} />)).toBe(
      "Offline · stopped",
    );
    expect(text(<WorkerStatus worker={{ status: "OFFLINE", stoppedAt: undefined }} />)).toBe("Offline");
  });
});
