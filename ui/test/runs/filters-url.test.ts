import { describe, expect, it } from "vitest";
import {
  DEFAULT_RUNS_QUERY,
  countFilterOf,
  isUnfiltered,
  parseRunsQuery,
  runsQueryToParams,
  splitList,
  toFlowRunFilter,
  type RunsQuery,
} from "../../src/pages/runs/filters-url.js";

const NOW = Date.parse("2026-11-24T12:00:00.000Z");
const parse = (text: string) => parseRunsQuery(new URLSearchParams(text));

describe("runs filters in the URL", () => {
  it("reads an empty query string as no filter, newest first", () => {
    expect(parse("")).toEqual(DEFAULT_RUNS_QUERY);
    expect(isUnfiltered(parse(""))).toBe(true);
  });

  it("writes the default filters as an empty query string", () => {
    expect(runsQueryToParams(DEFAULT_RUNS_QUERY).toString()).toBe("");
  });

  it("round-trips every filter through the query string", () => {
    const query: RunsQuery = {
      flows: ["etl", "map-reduce"],
      deployments: ["dep-1"],
      states: ["RUNNING", "FAILED"],
      tags: ["prod", "team a"],
      range: "custom",
      from: Date.parse("2026-11-01T00:00:00.000Z"),
      to: Date.parse("2026-11-02T00:00:00.000Z"),
      search: "nightly",
      sort: "name",
    };
    const params = runsQueryToParams(query);
    expect(parseRunsQuery(new URLSearchParams(params.toString()))).toEqual(query);
  });

  it("round-trips each relative time range and sort", () => {
    for (const range of ["1h", "24h", "7d", "30d"] as const) {
      for (const sort of ["newest", "oldest", "name"] as const) {
        const query: RunsQuery = { ...DEFAULT_RUNS_QUERY, range, sort };
        expect(parseRunsQuery(runsQueryToParams(query))).toEqual(query);
      }
    }
  });

  it("keeps the keys it does not own, such as the view", () => {
    const params = runsQueryToParams(
      { ...DEFAULT_RUNS_QUERY, states: ["FAILED"] },
      new URLSearchParams("view=task-runs&state=RUNNING&q=old"),
    );
    expect(params.get("view")).toBe("task-runs");
    expect(params.getAll("state")).toEqual(["FAILED"]);
    expect(params.has("q")).toBe(false);
  });

  it("drops unknown state types, ranges and sorts, and reads state types in any case", () => {
    const query = parse("state=failed&state=NOPE&state=RUNNING&range=2y&sort=random");
    expect(query.states).toEqual(["RUNNING", "FAILED"]);
    expect(query.range).toBe("all");
    expect(query.sort).toBe("newest");
  });

  it("removes blank and duplicate values", () => {
    const query = parse("flow=etl&flow=&flow=etl&flow=%20&tag=a&tag=a&q=%20%20");
    expect(query.flows).toEqual(["etl"]);
    expect(query.tags).toEqual(["a"]);
    expect(query.search).toBe("");
  });

  it("treats a custom range without readable times as no range", () => {
    expect(parse("range=custom&from=yesterday&to=").range).toBe("all");
  });

  it("keeps the readable side of a half-readable custom range", () => {
    const query = parse("range=custom&from=2026-11-01T00:00:00Z&to=garbage");
    expect(query).toMatchObject({ range: "custom", from: Date.parse("2026-11-01T00:00:00Z") });
    expect(query.to).toBeUndefined();
  });

  it("splits comma-separated input into distinct trimmed names", () => {
    expect(splitList(" etl, map-reduce ,,etl ")).toEqual(["etl", "map-reduce"]);
  });
});

describe("runs filters as an API filter", () => {
  it("asks for every run, newest first, when nothing is filtered", () => {
    expect(toFlowRunFilter(DEFAULT_RUNS_QUERY, NOW)).toEqual({ sort: "NEWEST" });
  });

  it("maps each filter to its API field", () => {
    const filter = toFlowRunFilter(
      parse("flow=etl&deployment=d1&state=COMPLETED&tag=prod&q=night&sort=oldest"),
      NOW,
    );
    expect(filter).toEqual({
      flowNames: ["etl"],
      deploymentIds: ["d1"],
      stateTypes: ["COMPLETED"],
      tags: ["prod"],
      namePrefix: "night",
      sort: "OLDEST",
    });
  });

  it("counts a relative range back from now, on the expected start time", () => {
    expect(toFlowRunFilter(parse("range=24h"), NOW).expectedStartTime).toEqual({ after: NOW - 86_400_000 });
    expect(toFlowRunFilter(parse("range=1h"), NOW).expectedStartTime).toEqual({ after: NOW - 3_600_000 });
  });

  it("passes a custom range as after (inclusive) and before (exclusive)", () => {
    const filter = toFlowRunFilter(
      parse("range=custom&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z"),
      NOW,
    );
    expect(filter.expectedStartTime).toEqual({
      after: Date.parse("2026-11-01T00:00:00Z"),
      before: Date.parse("2026-11-02T00:00:00Z"),
    });
  });

  it("counts states under the other filters, without the state filter or the sort", () => {
    const filter = toFlowRunFilter(parse("flow=etl&state=FAILED&sort=name"), NOW);
    expect(countFilterOf({ ...filter, limit: 50, cursor: "c" })).toEqual({ flowNames: ["etl"] });
  });
});
