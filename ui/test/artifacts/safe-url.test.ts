import { describe, expect, it } from "vitest";
import { safeImageUrl, safeLinkUrl } from "../../src/components/artifacts/safe-url.js";

describe("safe link URLs", () => {
  it("keeps http, https and mailto URLs", () => {
    expect(safeLinkUrl("https://example.com/etl?x=1#top")).toBe("https://example.com/etl?x=1#top");
    expect(safeLinkUrl("http://example.com")).toBe("http://example.com/");
    expect(safeLinkUrl("mailto:ops@example.com")).toBe("mailto:ops@example.com");
  });

  it("trims surrounding spaces", () => {
    expect(safeLinkUrl("  https://example.com/a  ")).toBe("https://example.com/a");
  });

  it("refuses javascript: links, however they are spelled", () => {
    expect(safeLinkUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeLinkUrl("JavaScript:alert(1)")).toBeUndefined();
    expect(safeLinkUrl(" javascript:alert(1)")).toBeUndefined();
    expect(safeLinkUrl("java\nscript:alert(1)")).toBeUndefined();
    expect(safeLinkUrl("java\tscript:alert(1)")).toBeUndefined();
  });

  it("refuses other schemes, relative URLs and non-strings", () => {
    for (const url of [
      "vbscript:msgbox(1)",
      "data:text/html,<script>alert(1)</script>",
      "file:///etc/passwd",
      "ftp://example.com",
      "/runs/abc",
      "example.com",
      "//example.com/x",
      "",
    ]) {
      expect(safeLinkUrl(url), url).toBeUndefined();
    }
    expect(safeLinkUrl(42)).toBeUndefined();
    expect(safeLinkUrl(undefined)).toBeUndefined();
  });
});

describe("safe image URLs", () => {
  it("keeps http(s) and data:image URLs", () => {
    expect(safeImageUrl("https://example.com/chart.png")).toBe("https://example.com/chart.png");
    expect(safeImageUrl("data:image/png;base64,iVBORw0KGgo=")).toBe("data:image/png;base64,iVBORw0KGgo=");
    expect(safeImageUrl("data:image/svg+xml,%3Csvg%3E")).toBe("data:image/svg+xml,%3Csvg%3E");
  });

  it("refuses mailto, javascript:, other data: types and relative URLs", () => {
    for (const url of [
      "mailto:ops@example.com",
      "javascript:alert(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
      "data:application/javascript,alert(1)",
      "chart.png",
    ]) {
      expect(safeImageUrl(url), url).toBeUndefined();
    }
  });
});
