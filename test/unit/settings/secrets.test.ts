import { describe, expect, it } from "vitest";
import {
  SETTING_DEFINITIONS,
  displayValue,
  maskSecret,
  parseSettingValue,
  redactUrlPassword,
} from "../../../src/settings/index.js";

describe("secret masking", () => {
  it("shows only the last four characters of a long secret", () => {
    expect(maskSecret("sk_live_0123456789abcd")).toBe("****abcd");
  });

  it("shows nothing of a secret of 8 characters or fewer", () => {
    expect(maskSecret("12345678")).toBe("****");
    expect(maskSecret("")).toBe("****");
  });

  it("keeps a secret URL readable but hides its password", () => {
    expect(maskSecret("postgres://ordo:hunter2@db:5432/ordo")).toBe("postgres://ordo:****@db:5432/ordo");
  });

  it("hides passwords in the URLs of any setting", () => {
    expect(redactUrlPassword("postgres://ordo:hunter2@db/ordo")).toBe("postgres://ordo:****@db/ordo");
    expect(redactUrlPassword("http://127.0.0.1:4200/api")).toBe("http://127.0.0.1:4200/api");
  });

  it("masks settings marked secret and leaves the others", () => {
    expect(SETTING_DEFINITIONS.ORDO_API_KEY.secret).toBe(true);
    expect(displayValue(SETTING_DEFINITIONS.ORDO_API_KEY, "sk_live_0123456789abcd")).toBe("****abcd");
    expect(displayValue(SETTING_DEFINITIONS.ORDO_SERVER_HOST, "0.0.0.0")).toBe("0.0.0.0");
    expect(displayValue(SETTING_DEFINITIONS.ORDO_SERVER_PORT, 4200)).toBe(4200);
    expect(displayValue(SETTING_DEFINITIONS.ORDO_API_KEY, undefined)).toBeUndefined();
  });

  it("never puts a secret's value in an ORDO_INVALID_SETTING message", () => {
    const secret = "Bearer sk_live_0123456789abcd";
    let message = "";
    let details: unknown;
    try {
      parseSettingValue("ORDO_API_KEY", secret, "profile default");
    } catch (error) {
      message = (error as Error).message;
      details = (error as { details?: unknown }).details;
    }
    expect(message).toMatch(/^invalid ORDO_API_KEY="\*\*\*\*abcd" \(from profile default\): expected a key/);
    expect(message).not.toContain("sk_live");
    expect(JSON.stringify(details)).not.toContain("sk_live");
  });
});

describe("server settings", () => {
  it("parses ORDO_SERVER_PORT as an integer from 1 to 65535", () => {
    expect(parseSettingValue("ORDO_SERVER_PORT", "1", "env")).toBe(1);
    expect(parseSettingValue("ORDO_SERVER_PORT", "65535", "env")).toBe(65535);
    for (const bad of ["0", "65536", "80.5", "http"])
      expect(() => parseSettingValue("ORDO_SERVER_PORT", bad, "env")).toThrow(
        expect.objectContaining({ code: "ORDO_INVALID_SETTING" }),
      );
  });
});
