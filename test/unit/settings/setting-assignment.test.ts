import { describe, expect, it } from "vitest";
import { parseSettingAssignment } from "../../../src/settings/index.js";

describe("config set assignments", () => {
  it("splits KEY=VALUE at the first = and keeps the raw text", () => {
    expect(parseSettingAssignment("ORDO_API_URL=http://h:4200/api?a=b", "default")).toEqual([
      "ORDO_API_URL",
      "http://h:4200/api?a=b",
    ]);
    expect(parseSettingAssignment("ORDO_LOGGING_LEVEL=DEBUG", "default")).toEqual([
      "ORDO_LOGGING_LEVEL",
      "DEBUG",
    ]);
  });

  it("checks the value with the setting's schema, naming the profile", () => {
    expect(() => parseSettingAssignment("ORDO_SERVER_PORT=0", "server")).toThrow(
      expect.objectContaining({
        code: "ORDO_INVALID_SETTING",
        message: 'invalid ORDO_SERVER_PORT="0" (from profile server): expected an integer from 1 to 65535',
      }),
    );
  });

  it("refuses an unknown setting with ORDO_UNKNOWN_SETTING", () => {
    expect(() => parseSettingAssignment("ORDO_LOG_LEVEL=debug", "default")).toThrow(
      expect.objectContaining({
        code: "ORDO_UNKNOWN_SETTING",
        message: expect.stringContaining('"ORDO_LOG_LEVEL"'),
      }),
    );
  });

  it.each([["ORDO_LOGGING_LEVEL"], ["=debug"], ["ORDO_LOGGING_LEVEL="]])(
    "refuses %j with ORDO_INVALID_INPUT",
    (text) => {
      expect(() => parseSettingAssignment(text, "default")).toThrow(
        expect.objectContaining({ code: "ORDO_INVALID_INPUT" }),
      );
    },
  );

  it("refuses ORDO_HOME, which locates the profiles file", () => {
    expect(() => parseSettingAssignment("ORDO_HOME=/srv/ordo", "default")).toThrow(
      /ORDO_HOME cannot be set in a profile/,
    );
  });
});
