import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  emptyProfilesFile,
  loadProfiles,
  loadResolvedSettings,
  loadSettings,
  readProfilesFile,
  setProfileValues,
  writeProfilesFile,
} from "../../../src/settings/index.js";

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "ordo-profiles-"));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function writeProfiles(text: string): void {
  writeFileSync(join(home, "profiles.toml"), text);
}

const SERVER_ACTIVE = [
  'active = "server"',
  "[profiles.default]",
  'ORDO_LOGGING_LEVEL = "warning"',
  "[profiles.server]",
  'ORDO_LOGGING_LEVEL = "debug"',
  'ORDO_SERVER_PORT = "8080"',
  'ORDO_API_KEY = "sk_live_0123456789abcd"',
].join("\n");

describe("settings precedence: env > active profile > default", () => {
  it("gives the defaults when ORDO_HOME has no profiles file", () => {
    const { entries } = loadResolvedSettings({ ORDO_HOME: home });
    expect(entries.filter((e) => e.source !== "default").map((e) => e.name)).toEqual(["ORDO_HOME"]);
  });

  it("takes values from the active profile, with source profile <name>", () => {
    writeProfiles(SERVER_ACTIVE);
    const { settings, entries } = loadResolvedSettings({ ORDO_HOME: home });
    expect(settings.ORDO_LOGGING_LEVEL).toBe("debug");
    expect(settings.ORDO_SERVER_PORT).toBe(8080);
    expect(settings.ORDO_API_KEY).toBe("sk_live_0123456789abcd");
    expect(entries.find((e) => e.name === "ORDO_SERVER_PORT")?.source).toBe("profile server");
    expect(entries.find((e) => e.name === "ORDO_SERVER_HOST")).toMatchObject({
      value: "127.0.0.1",
      source: "default",
    });
  });

  it("lets the environment override the profile", () => {
    writeProfiles(SERVER_ACTIVE);
    const { entries } = loadResolvedSettings({ ORDO_HOME: home, ORDO_SERVER_PORT: "9000" });
    expect(entries.find((e) => e.name === "ORDO_SERVER_PORT")).toMatchObject({ value: 9000, source: "env" });
  });

  it("lets an empty variable fall through to the profile", () => {
    writeProfiles(SERVER_ACTIVE);
    expect(loadSettings({ ORDO_HOME: home, ORDO_SERVER_PORT: "" }).ORDO_SERVER_PORT).toBe(8080);
  });

  it("uses the profile ORDO_PROFILE names instead of the file's active one", () => {
    writeProfiles(SERVER_ACTIVE);
    const { settings, entries } = loadResolvedSettings({ ORDO_HOME: home, ORDO_PROFILE: "default" });
    expect(settings.ORDO_LOGGING_LEVEL).toBe("warning");
    expect(settings.ORDO_SERVER_PORT).toBe(4200);
    expect(entries.find((e) => e.name === "ORDO_LOGGING_LEVEL")?.source).toBe("profile default");
  });

  it("refuses an unknown ORDO_PROFILE with ORDO_PROFILE_NOT_FOUND", () => {
    expect(() => loadSettings({ ORDO_HOME: home, ORDO_PROFILE: "nope" })).toThrow(
      expect.objectContaining({
        code: "ORDO_PROFILE_NOT_FOUND",
        message: 'profile "nope" (from ORDO_PROFILE) not found; the profiles are: default',
      }),
    );
  });

  it("refuses an active profile the file does not hold", () => {
    writeProfiles('active = "gone"\n');
    expect(() => loadSettings({ ORDO_HOME: home })).toThrow(
      expect.objectContaining({ code: "ORDO_PROFILE_NOT_FOUND" }),
    );
  });

  it("reports a profile value its schema rejects as ORDO_INVALID_SETTING from the profile", () => {
    writeProfiles('[profiles.default]\nORDO_SERVER_PORT = "99999"\n');
    expect(() => loadSettings({ ORDO_HOME: home })).toThrow(
      expect.objectContaining({
        code: "ORDO_INVALID_SETTING",
        message:
          'invalid ORDO_SERVER_PORT="99999" (from profile default): expected an integer from 1 to 65535',
        details: expect.objectContaining({ source: "profile default" }),
      }),
    );
  });

  it("does not read a bad profile value the environment overrides", () => {
    writeProfiles('[profiles.default]\nORDO_SERVER_PORT = "99999"\n');
    expect(loadSettings({ ORDO_HOME: home, ORDO_SERVER_PORT: "80" }).ORDO_SERVER_PORT).toBe(80);
  });

  it("reports a broken file as ORDO_INVALID_PROFILES_FILE naming it", () => {
    writeProfiles('[profiles.default]\nORDO_NOPE = "1"\n');
    expect(() => loadSettings({ ORDO_HOME: home })).toThrow(
      expect.objectContaining({
        code: "ORDO_INVALID_PROFILES_FILE",
        message: `${join(home, "profiles.toml")}: profile "default" sets unknown setting "ORDO_NOPE"`,
      }),
    );
  });

  it("finds the profiles file under ORDO_HOME from the environment", () => {
    writeProfiles(SERVER_ACTIVE);
    expect(loadProfiles({ ORDO_HOME: home }).path).toBe(join(home, "profiles.toml"));
    const elsewhere = mkdtempSync(join(tmpdir(), "ordo-profiles-"));
    try {
      expect(loadSettings({ ORDO_HOME: elsewhere }).ORDO_LOGGING_LEVEL).toBe("info");
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe("profiles file writes", () => {
  it("writes a file that reads back the same, readable only by its owner", () => {
    const path = join(home, "nested", "profiles.toml");
    const file = setProfileValues(emptyProfilesFile(), "default", [
      ["ORDO_API_KEY", "sk_live_0123456789abcd"],
    ]);
    writeProfilesFile(path, file);
    expect(readProfilesFile(path).profiles.get("default")).toEqual({
      ORDO_API_KEY: "sk_live_0123456789abcd",
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("replaces an existing file, leaves no temporary file and keeps mode 0600", () => {
    const path = join(home, "profiles.toml");
    writeFileSync(path, "", { mode: 0o644 });
    writeProfilesFile(
      path,
      setProfileValues(emptyProfilesFile(), "default", [["ORDO_SERVER_HOST", "0.0.0.0"]]),
    );
    expect(readdirSync(home)).toEqual(["profiles.toml"]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readProfilesFile(path).profiles.get("default")).toEqual({ ORDO_SERVER_HOST: "0.0.0.0" });
  });
});
