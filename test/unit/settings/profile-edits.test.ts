import { describe, expect, it } from "vitest";
import {
  createProfile,
  deleteProfile,
  emptyProfilesFile,
  setProfileValues,
  unsetProfileValues,
  useProfile,
  type ProfilesFile,
} from "../../../src/settings/index.js";

const base: ProfilesFile = {
  active: "default",
  profiles: new Map([
    ["default", { ORDO_LOGGING_LEVEL: "debug" }],
    ["server", { ORDO_API_URL: "http://127.0.0.1:4200/api" }],
  ]),
};

describe("profile create", () => {
  it("adds an empty profile, or a copy of another with from", () => {
    expect(createProfile(base, "staging").profiles.get("staging")).toEqual({});
    expect(createProfile(base, "staging", "server").profiles.get("staging")).toEqual({
      ORDO_API_URL: "http://127.0.0.1:4200/api",
    });
  });

  it("leaves the original file unchanged", () => {
    createProfile(base, "staging");
    expect([...base.profiles.keys()]).toEqual(["default", "server"]);
  });

  it("refuses an existing name with ORDO_PROFILE_EXISTS", () => {
    expect(() => createProfile(base, "server")).toThrow(
      expect.objectContaining({ code: "ORDO_PROFILE_EXISTS" }),
    );
  });

  it.each(["", "-x", ".hidden", "my profile", "a/b", "x".repeat(65)])("refuses the name %j", (name) => {
    expect(() => createProfile(base, name)).toThrow(expect.objectContaining({ code: "ORDO_INVALID_INPUT" }));
  });

  it("accepts names of up to 64 letters, digits, _ . -", () => {
    for (const name of ["a", "9", "eu-west_1.prod", "x".repeat(64)])
      expect(createProfile(base, name).profiles.has(name)).toBe(true);
  });

  it("refuses an unknown --from with ORDO_PROFILE_NOT_FOUND", () => {
    expect(() => createProfile(base, "staging", "nope")).toThrow(
      expect.objectContaining({ code: "ORDO_PROFILE_NOT_FOUND" }),
    );
  });
});

describe("profile use", () => {
  it("makes the profile active", () => {
    expect(useProfile(base, "server").active).toBe("server");
  });

  it("refuses an unknown profile, listing the profiles there are", () => {
    expect(() => useProfile(base, "nope")).toThrow(
      /profile "nope" not found; the profiles are: default, server/,
    );
  });
});

describe("profile delete", () => {
  it("removes a profile that is not in use", () => {
    expect([...deleteProfile(base, "server").profiles.keys()]).toEqual(["default"]);
  });

  it("refuses the active profile and the one ORDO_PROFILE selects", () => {
    const serverActive = useProfile(base, "server");
    expect(() => deleteProfile(serverActive, "server")).toThrow(
      expect.objectContaining({ code: "ORDO_PROFILE_ACTIVE" }),
    );
    expect(() => deleteProfile(base, "server", "server")).toThrow(/in use \(ORDO_PROFILE\)/);
  });

  it("refuses default, which always exists", () => {
    expect(() => deleteProfile(useProfile(base, "server"), "default")).toThrow(
      expect.objectContaining({ code: "ORDO_INVALID_INPUT" }),
    );
  });

  it("refuses an unknown profile", () => {
    expect(() => deleteProfile(base, "nope")).toThrow(
      expect.objectContaining({ code: "ORDO_PROFILE_NOT_FOUND" }),
    );
  });
});

describe("profile values", () => {
  it("sets and replaces values, keeping the others", () => {
    const next = setProfileValues(base, "default", [
      ["ORDO_LOGGING_LEVEL", "error"],
      ["ORDO_SERVER_PORT", "8080"],
    ]);
    expect(next.profiles.get("default")).toEqual({ ORDO_LOGGING_LEVEL: "error", ORDO_SERVER_PORT: "8080" });
    expect(base.profiles.get("default")).toEqual({ ORDO_LOGGING_LEVEL: "debug" });
  });

  it("unsets values, ignoring names the profile does not set", () => {
    const next = unsetProfileValues(base, "default", ["ORDO_LOGGING_LEVEL", "ORDO_API_KEY"]);
    expect(next.profiles.get("default")).toEqual({});
  });

  it("refuses an unknown profile", () => {
    expect(() => setProfileValues(emptyProfilesFile(), "nope", [])).toThrow(
      expect.objectContaining({ code: "ORDO_PROFILE_NOT_FOUND" }),
    );
  });
});
