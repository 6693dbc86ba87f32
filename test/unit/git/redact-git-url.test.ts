/** Credentials in git URLs never reach a message. */
import { describe, expect, it } from "vitest";
import { redactGitText, redactGitUrl } from "../../../src/git/index.js";

describe("redacting git URLs", () => {
  it("hides a token, a user and password, and keeps URLs without them as they are", () => {
    expect(redactGitUrl("https://ghp_secret123@github.com/a/b.git")).toBe("https://****@github.com/a/b.git");
    expect(redactGitUrl("https://user:pa55word@example.com/r.git")).toBe("https://****@example.com/r.git");
    expect(redactGitUrl("https://github.com/a/b.git")).toBe("https://github.com/a/b.git");
    expect(redactGitUrl("git@github.com:a/b.git")).toBe("git@github.com:a/b.git");
  });

  it("hides the URL's secrets wherever they appear in git's output", () => {
    const url = "https://user:pa55word@example.com/r.git";
    const text = `fatal: unable to access '${url}/': The requested URL returned error: 403 (pa55word)`;
    const out = redactGitText(text, url);
    expect(out).not.toContain("pa55word");
    expect(out).toContain("https://****@example.com/r.git");
  });
});
