import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OrdoError } from "../../../src/errors/ordo-error.js";
import {
  emptyProfilesFile,
  parseProfilesFile,
  serializeProfilesFile,
  type ProfilesFile,
} from "../../../src/settings/index.js";

const PATH = "/home/me/.ordo/profiles.toml";

function rejected(text: string): OrdoError {
  try {
    parseProfilesFile(text, PATH);
  } catch (error) {
    if (error instanceof OrdoError) return error;
    throw error;
  }
  throw new Error("parseProfilesFile accepted the text");
}

function asObject(file: ProfilesFile): { active: string; profiles: [string, object][] } {
  return { active: file.active, profiles: [...file.profiles] };
}

describe("profiles.toml parsing", () => {
  it("reads the active profile and each profile's settings as raw text", () => {
    const file = parseProfilesFile(
      [
        'active = "server"',
        "[profiles.default]",
        "[profiles.server]",
        'ORDO_API_URL = "http://127.0.0.1:4200/api"',
        'ORDO_SERVER_PORT = "8080"',
      ].join("\n"),
      PATH,
    );
    expect(file.active).toBe("server");
    expect(asObject(file).profiles).toEqual([
      ["default", {}],
      ["server", { ORDO_API_URL: "http://127.0.0.1:4200/api", ORDO_SERVER_PORT: "8080" }],
    ]);
  });

  it("treats a missing active as default and always has a default profile", () => {
    const file = parseProfilesFile('[profiles.dev]\nORDO_LOGGING_LEVEL = "debug"\n', PATH);
    expect(file.active).toBe("default");
    expect([...file.profiles.keys()]).toEqual(["default", "dev"]);
    expect(asObject(parseProfilesFile("", PATH))).toEqual(asObject(emptyProfilesFile()));
  });

  it("accepts values the setting's schema would reject: they are checked when resolved", () => {
    const file = parseProfilesFile('[profiles.default]\nORDO_SERVER_PORT = "not a port"\n', PATH);
    expect(file.profiles.get("default")).toEqual({ ORDO_SERVER_PORT: "not a port" });
  });
});

describe("profiles.toml validation", () => {
  it.each([
    ["a TOML syntax error", "active = \n", /invalid TOML at line 1, column \d+/],
    ["an unknown top-level key", 'color = "blue"\n', /unknown top-level key "color"/],
    ["a profile that is not a table", 'profiles = { server = "x" }\n', /profile "server" is not a table/],
    ["profiles that is not a table", 'profiles = "x"\n', /profiles must be a table/],
    ["an invalid profile name", '[profiles."my profile"]\n', /invalid profile name "my profile"/],
    ["an active that is not a name", "active = 3\n", /active must be a profile name/],
    ["an unknown setting", '[profiles.default]\nORDO_API_UR = "x"\n', /sets unknown setting "ORDO_API_UR"/],
    [
      "ORDO_HOME in a profile",
      '[profiles.default]\nORDO_HOME = "/x"\n',
      /sets ORDO_HOME, which locates this file/,
    ],
    [
      "a value that is not a string",
      "[profiles.default]\nORDO_SERVER_PORT = 8080\n",
      /ORDO_SERVER_PORT must be a string \(write ORDO_SERVER_PORT = "8080"\)/,
    ],
  ])("rejects %s with ORDO_INVALID_PROFILES_FILE naming the file", (_what, text, problem) => {
    const error = rejected(text);
    expect(error.code).toBe("ORDO_INVALID_PROFILES_FILE");
    expect(error.message).toMatch(new RegExp(`^${PATH.replaceAll(".", "\\.")}: `));
    expect(error.message).toMatch(problem);
    expect(error.details).toMatchObject({ path: PATH });
  });

  it("keeps a syntax error's message on one line", () => {
    expect(rejected("[profiles.default\n").message).not.toContain("\n");
  });
});

describe("profiles.toml serialization", () => {
  it("writes active, then one table per profile", () => {
    const file: ProfilesFile = {
      active: "default",
      profiles: new Map([
        ["default", {}],
        ["server", { ORDO_API_URL: "http://127.0.0.1:4200/api" }],
      ]),
    };
    expect(serializeProfilesFile(file)).toBe(
      'active = "default"\n\n[profiles.default]\n\n[profiles.server]\nORDO_API_URL = "http://127.0.0.1:4200/api"\n',
    );
  });

  it("round-trips any valid profiles, names and values", () => {
    const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/);
    const values = fc.record(
      { ORDO_API_KEY: fc.string(), ORDO_API_URL: fc.string(), ORDO_LOGGING_LEVEL: fc.string() },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.dictionary(name, values), name, (profiles, active) => {
        const file: ProfilesFile = {
          active,
          profiles: new Map([["default", {}], ...Object.entries(profiles).filter(([n]) => n !== "default")]),
        };
        const again = parseProfilesFile(serializeProfilesFile(file), PATH);
        expect(asObject(again)).toEqual(asObject(file));
      }),
    );
  });
});
