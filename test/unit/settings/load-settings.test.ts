import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { OrdoError } from "../../../src/errors/ordo-error.js";
import {
  SETTING_DEFINITIONS,
  dbPath,
  loadResolvedSettings,
  loadSettings,
  resolveSettings,
  storagePath,
  type SettingsLayer,
} from "../../../src/settings/index.js";

function invalid(env: Record<string, string>): OrdoError {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof OrdoError) return error;
    throw error;
  }
  throw new Error("loadSettings accepted the environment");
}

describe("settings defaults", () => {
  it("gives every setting its documented default when the environment sets nothing", () => {
    expect(loadSettings({})).toEqual({
      ORDO_HOME: join(homedir(), ".ordo"),
      ORDO_API_URL: undefined,
      ORDO_DATABASE_URL: undefined,
      ORDO_LOGGING_LEVEL: "info",
      ORDO_LOGGING_COLORS: "auto",
      ORDO_COMPILE_FLOWS: true,
      ORDO_HEARTBEAT_SECONDS: 10,
      ORDO_RESULTS_INLINE_LIMIT_BYTES: 4096,
      ORDO_TASK_RUNNER_MAX_CONCURRENCY: 64,
      ORDO_RECORDER_FLUSH_INTERVAL_MS: 5,
      ORDO_RECORDER_FLUSH_MAX_ITEMS: 1000,
      ORDO_TASK_RUN_EVENTS: "failures",
      ORDO_API_KEY: undefined,
      ORDO_SERVER_HOST: "127.0.0.1",
      ORDO_SERVER_PORT: 4200,
      // The HTTP client's settings.
      ORDO_API_TIMEOUT_SECONDS: 30,
      ORDO_API_MAX_RETRIES: 5,
      ORDO_CLIENT_OUTAGE_SECONDS: 300,
      ORDO_CLIENT_OUTBOX_MAX_ITEMS: 10_000,
      ORDO_CLIENT_DRAIN_TIMEOUT_SECONDS: 600,
      ORDO_RETENTION_DAYS: undefined,
      ORDO_RESULTS_STORAGE: "auto",
      ORDO_RETENTION_INTERVAL_SECONDS: 3600,
      ORDO_CRASH_DETECTION_INTERVAL_SECONDS: 10,
      ORDO_DATABASE_STATISTICS_INTERVAL_SECONDS: 3600,
      ORDO_SCHEDULER_INTERVAL_SECONDS: 60,
      ORDO_LATE_RUNS_AFTER_SECONDS: 15,
      ORDO_LATE_RUNS_INTERVAL_SECONDS: 5,
    });
  });

  it("describes every setting with a description and an expected form", () => {
    for (const [name, definition] of Object.entries(SETTING_DEFINITIONS)) {
      expect(name).toMatch(/^ORDO_[A-Z_]+$/);
      expect(definition.description.length).toBeGreaterThan(10);
      expect(definition.expected.length).toBeGreaterThan(3);
    }
  });

  it("treats an empty variable as unset", () => {
    expect(loadSettings({ ORDO_HEARTBEAT_SECONDS: "" }).ORDO_HEARTBEAT_SECONDS).toBe(10);
  });
});

describe("settings from the environment", () => {
  it("parses numbers, levels and colours", () => {
    const settings = loadSettings({
      ORDO_HEARTBEAT_SECONDS: "2.5",
      ORDO_RESULTS_INLINE_LIMIT_BYTES: "0",
      ORDO_TASK_RUNNER_MAX_CONCURRENCY: " 8 ",
      ORDO_RECORDER_FLUSH_INTERVAL_MS: "0",
      ORDO_RECORDER_FLUSH_MAX_ITEMS: "10",
      ORDO_TASK_RUN_EVENTS: " ALL ",
      ORDO_LOGGING_LEVEL: "DEBUG",
      ORDO_LOGGING_COLORS: "False",
    });
    expect(settings.ORDO_HEARTBEAT_SECONDS).toBe(2.5);
    expect(settings.ORDO_RESULTS_INLINE_LIMIT_BYTES).toBe(0);
    expect(settings.ORDO_TASK_RUNNER_MAX_CONCURRENCY).toBe(8);
    expect(settings.ORDO_RECORDER_FLUSH_INTERVAL_MS).toBe(0);
    expect(settings.ORDO_RECORDER_FLUSH_MAX_ITEMS).toBe(10);
    expect(settings.ORDO_TASK_RUN_EVENTS).toBe("all");
    expect(settings.ORDO_LOGGING_LEVEL).toBe("debug");
    expect(settings.ORDO_LOGGING_COLORS).toBe("false");
  });

  it("makes ORDO_HOME absolute and expands a leading ~", () => {
    expect(loadSettings({ ORDO_HOME: "~/elsewhere" }).ORDO_HOME).toBe(join(homedir(), "elsewhere"));
    expect(loadSettings({ ORDO_HOME: "rel/home" }).ORDO_HOME).toBe(resolve("rel/home"));
    expect(loadSettings({ ORDO_HOME: "/tmp/x" }).ORDO_HOME).toBe("/tmp/x");
  });

  it("stores ORDO_API_URL and ORDO_DATABASE_URL as given", () => {
    const settings = loadSettings({
      ORDO_API_URL: "http://127.0.0.1:4200/api",
      ORDO_DATABASE_URL: "postgres://db/ordo",
    });
    expect(settings.ORDO_API_URL).toBe("http://127.0.0.1:4200/api");
    expect(settings.ORDO_DATABASE_URL).toBe("postgres://db/ordo");
  });

  it("ignores variables that are not settings", () => {
    expect(loadSettings({ ORDO_UNKNOWN: "x", PATH: "/bin" }).ORDO_LOGGING_LEVEL).toBe("info");
  });
});

describe("settings validation", () => {
  it.each([
    ["ORDO_HEARTBEAT_SECONDS", "abc"],
    ["ORDO_HEARTBEAT_SECONDS", "0"],
    ["ORDO_HEARTBEAT_SECONDS", "-1"],
    ["ORDO_RESULTS_INLINE_LIMIT_BYTES", "1.5"],
    ["ORDO_TASK_RUNNER_MAX_CONCURRENCY", "0"],
    ["ORDO_RECORDER_FLUSH_INTERVAL_MS", "5ms"],
    ["ORDO_RECORDER_FLUSH_MAX_ITEMS", "1e3"],
    ["ORDO_TASK_RUN_EVENTS", "some"],
    ["ORDO_LOGGING_LEVEL", "verbose"],
    ["ORDO_LOGGING_COLORS", "yes"],
    ["ORDO_API_URL", "not a url"],
    ["ORDO_API_URL", "ftp://host/api"],
  ])("rejects %s=%s with ORDO_INVALID_SETTING naming the variable and the value", (name, value) => {
    const error = invalid({ [name]: value });
    expect(error.code).toBe("ORDO_INVALID_SETTING");
    expect(error.message).toContain(name);
    expect(error.message).toContain(JSON.stringify(value));
    expect(error.details).toMatchObject({ setting: name, value, source: "env" });
  });

  it("says what a valid value looks like", () => {
    expect(invalid({ ORDO_LOGGING_LEVEL: "verbose" }).message).toContain(
      "debug, info, warning, error, critical",
    );
  });
});

describe("settings sources and layers", () => {
  it("reports whether each value came from the environment or the default", () => {
    const { entries } = loadResolvedSettings({ ORDO_LOGGING_LEVEL: "error" });
    expect(entries.find((e) => e.name === "ORDO_LOGGING_LEVEL")).toEqual({
      name: "ORDO_LOGGING_LEVEL",
      value: "error",
      source: "env",
    });
    expect(entries.find((e) => e.name === "ORDO_HEARTBEAT_SECONDS")?.source).toBe("default");
    expect(entries.map((e) => e.name)).toEqual(Object.keys(SETTING_DEFINITIONS));
  });

  it("lets an earlier layer win over a later one, and both over defaults", () => {
    const env: SettingsLayer = { source: "env", values: { ORDO_LOGGING_LEVEL: "error" } };
    const profile: SettingsLayer = {
      source: "profile dev",
      values: { ORDO_LOGGING_LEVEL: "debug", ORDO_HEARTBEAT_SECONDS: "3" },
    };
    const { settings, entries } = resolveSettings([env, profile]);
    expect(settings.ORDO_LOGGING_LEVEL).toBe("error");
    expect(settings.ORDO_HEARTBEAT_SECONDS).toBe(3);
    expect(entries.find((e) => e.name === "ORDO_HEARTBEAT_SECONDS")?.source).toBe("profile dev");
  });

  it("names the layer of an invalid value", () => {
    const profile: SettingsLayer = { source: "profile dev", values: { ORDO_HEARTBEAT_SECONDS: "never" } };
    expect(() => resolveSettings([profile])).toThrow(/ORDO_HEARTBEAT_SECONDS="never" \(from profile dev\)/);
  });
});

describe("derived paths", () => {
  it("puts the database and result storage under ORDO_HOME", () => {
    const settings = loadSettings({ ORDO_HOME: "/srv/ordo" });
    expect(dbPath(settings)).toBe(join("/srv/ordo", "ordo.db"));
    expect(storagePath(settings)).toBe(join("/srv/ordo", "storage"));
  });
});
