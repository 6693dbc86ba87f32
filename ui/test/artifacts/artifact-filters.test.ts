import { describe, expect, it } from "vitest";
import type { Artifact } from "../../src/api/types.js";
import {
  artifactListFilter,
  ARTIFACTS_PAGE_SIZE,
  emptyListTitle,
  isLiveProgress,
  normaliseKeyInput,
  PROGRESS_POLL_MS,
  progressRefetch,
  readArtifactListView,
  runIds,
  versionsFilter,
  VERSIONS_PAGE_SIZE,
  writeArtifactListView,
} from "../../src/pages/artifacts/artifact-filters.js";

const NOW = 1_000_000_000;

function artifact(more: Partial<Artifact>): Artifact {
  return { id: "a", type: "markdown", data: "", createdAt: NOW, updatedAt: NOW, ...more };
}

describe("the artifacts list's URL", () => {
  it("round-trips type, key, offset and the previewed artifact, leaving defaults out", () => {
    const view = { type: "table" as const, key: "daily-report", offset: 50, preview: "a1" };
    expect(writeArtifactListView(view).toString()).toBe("type=table&key=daily-report&offset=50&preview=a1");
    expect(readArtifactListView(writeArtifactListView(view))).toEqual(view);
    expect(readArtifactListView(new URLSearchParams())).toEqual({
      type: undefined,
      key: "",
      offset: 0,
      preview: undefined,
    });
  });

  it("ignores an unknown type", () => {
    expect(readArtifactListView(new URLSearchParams("type=video")).type).toBeUndefined();
  });
});

describe("artifact requests", () => {
  it("list the latest version of each key, filtered on the server, one row more than a page", () => {
    expect(
      artifactListFilter({ type: "progress", key: "backfill", offset: 100, preview: undefined }),
    ).toEqual({
      latestOnly: true,
      type: "progress",
      key: "backfill",
      limit: ARTIFACTS_PAGE_SIZE + 1,
      offset: 100,
    });
    expect(artifactListFilter({ type: undefined, key: "", offset: 0, preview: undefined })).toEqual({
      latestOnly: true,
      limit: ARTIFACTS_PAGE_SIZE + 1,
      offset: 0,
    });
  });

  it("read a key's versions newest first by page", () => {
    expect(versionsFilter("report", 20)).toEqual({
      key: "report",
      limit: VERSIONS_PAGE_SIZE + 1,
      offset: 20,
    });
  });

  it("search keys as the API stores them: lowercase, trimmed", () => {
    expect(normaliseKeyInput("  Daily-Report ")).toBe("daily-report");
  });

  it("say what a filtered list lacks", () => {
    expect(emptyListTitle({ type: "image", key: "" })).toBe("No image artifacts.");
    expect(emptyListTitle({ type: undefined, key: "x" })).toBe("No artifact with the key “x”.");
    expect(emptyListTitle({ type: "table", key: "x" })).toBe("No table artifact with the key “x”.");
  });
});

describe("live progress", () => {
  it("polls a progress below 100% that moved in the last ten minutes", () => {
    expect(isLiveProgress(artifact({ type: "progress", data: 40, updatedAt: NOW - 60_000 }), NOW)).toBe(true);
    expect(progressRefetch([artifact({}), artifact({ type: "progress", data: 40 })], NOW)).toBe(
      PROGRESS_POLL_MS,
    );
  });

  it("stops polling a finished, stalled or non-progress artifact", () => {
    expect(isLiveProgress(artifact({ type: "progress", data: 100 }), NOW)).toBe(false);
    expect(isLiveProgress(artifact({ type: "progress", data: 40, updatedAt: NOW - 11 * 60_000 }), NOW)).toBe(
      false,
    );
    expect(isLiveProgress(artifact({ type: "markdown", data: "40" }), NOW)).toBe(false);
    expect(progressRefetch(undefined, NOW)).toBe(false);
  });
});

describe("the runs behind artifacts", () => {
  it("are each asked for once", () => {
    expect(
      runIds([
        artifact({ flowRunId: "f1", taskRunId: "t1" }),
        artifact({ flowRunId: "f1" }),
        undefined,
        artifact({ flowRunId: "f2", taskRunId: "t2" }),
      ]),
    ).toEqual({ flowRunIds: ["f1", "f2"], taskRunIds: ["t1", "t2"] });
  });
});
