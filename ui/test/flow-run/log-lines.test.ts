import { describe, expect, it } from "vitest";
import type { LogRecord } from "../../src/api/types.js";
import {
  filterLogLines,
  formatLogFile,
  lastLogId,
  levelName,
  loggerLabel,
  mergeLogLines,
  minLevelOf,
} from "../../src/components/runs/log-lines.js";

const T = Date.parse("2026-11-24T02:02:43.272Z");

function line(id: number, level: number, message: string, extra: Partial<LogRecord> = {}): LogRecord {
  return { id, flowRunId: "run-1", level, name: "ordo.flow_runs", message, timestamp: T + id, ...extra };
}

const LINES = [
  line(1, 10, "connecting"),
  line(2, 20, "extracted 5 numbers", { taskRunId: "t-1", name: "ordo.task_runs" }),
  line(3, 30, "slow response"),
  line(4, 40, "load failed: Timeout"),
  line(5, 50, "giving up"),
];

describe("log levels", () => {
  it("names numeric levels, including levels between the named ones", () => {
    expect([10, 20, 25, 30, 40, 50, 5].map(levelName)).toEqual([
      "DEBUG",
      "INFO",
      "INFO",
      "WARNING",
      "ERROR",
      "CRITICAL",
      "TRACE",
    ]);
  });

  it("reads a level filter name as its lowest level, anything else as every level", () => {
    expect(minLevelOf("warning")).toBe(30);
    expect(minLevelOf("loud")).toBe(0);
    expect(minLevelOf(null)).toBe(0);
  });
});

describe("filtering loaded log lines", () => {
  it("keeps the lines at or above the chosen level", () => {
    expect(filterLogLines(LINES, { minLevel: 30, search: "" }).map((l) => l.id)).toEqual([3, 4, 5]);
  });

  it("searches messages case-insensitively", () => {
    expect(filterLogLines(LINES, { minLevel: 0, search: "TIMEOUT" }).map((l) => l.id)).toEqual([4]);
  });

  it("searches the logger's shown name too", () => {
    const names = new Map([["t-1", "extract-0"]]);
    const found = filterLogLines(LINES, { minLevel: 0, search: "extract-0" }, (l) => loggerLabel(l, names));
    expect(found.map((l) => l.id)).toEqual([2]);
  });

  it("combines the level and the search", () => {
    expect(filterLogLines(LINES, { minLevel: 40, search: "slow" })).toEqual([]);
  });

  it("returns the same array when nothing is filtered (no copy of a long log)", () => {
    expect(filterLogLines(LINES, { minLevel: 0, search: "  " })).toBe(LINES);
  });
});

describe("merging loaded and live log lines", () => {
  it("appends new lines in id order", () => {
    const merged = mergeLogLines(LINES.slice(0, 2), [line(4, 20, "d"), line(3, 20, "c")]);
    expect(merged.map((l) => l.id)).toEqual([1, 2, 3, 4]);
  });

  it("drops lines already shown (a live line that was also loaded)", () => {
    const merged = mergeLogLines(LINES.slice(0, 3), [
      line(2, 20, "again"),
      line(3, 20, "again"),
      line(6, 20, "new"),
    ]);
    expect(merged.map((l) => l.id)).toEqual([1, 2, 3, 6]);
  });

  it("returns the same array when nothing is new", () => {
    const shown = LINES.slice(0, 3);
    expect(mergeLogLines(shown, [line(1, 20, "old")])).toBe(shown);
  });

  it("knows the last line's id, for the live tail to continue after it", () => {
    expect(lastLogId(LINES)).toBe(5);
    expect(lastLogId([])).toBeUndefined();
  });
});

describe("the downloaded .log file", () => {
  it("writes one line per record: UTC time, padded level, logger and message", () => {
    const names = new Map([["t-1", "extract-0"]]);
    const text = formatLogFile(LINES.slice(1, 3), (l) => loggerLabel(l, names));
    expect(text).toBe(
      "2026-11-24T02:02:43.274Z | INFO     | extract-0 - extracted 5 numbers\n" +
        "2026-11-24T02:02:43.275Z | WARNING  | ordo.flow_runs - slow response\n",
    );
  });

  it("is empty for no lines", () => {
    expect(formatLogFile([])).toBe("");
  });
});
