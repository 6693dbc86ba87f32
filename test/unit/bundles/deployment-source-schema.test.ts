/** What a deployment source may say: repository URLs, refs and folders that are safe to hand to git. */
import { describe, expect, it } from "vitest";
import { DeploymentSourceSchema } from "../../../src/schemas/index.js";

const ok = (value: unknown) => DeploymentSourceSchema.safeParse(value).success;
const git = (url: string, extra: Record<string, unknown> = {}) => ok({ kind: "git", url, ...extra });

describe("deployment sources", () => {
  it("takes a local folder, a bundle hash of 64 lowercase hex digits, or a git repository", () => {
    expect(ok({ kind: "local", path: "/srv/flows" })).toBe(true);
    expect(ok({ kind: "bundle", hash: "a".repeat(64) })).toBe(true);
    expect(ok({ kind: "bundle", hash: "A".repeat(64) })).toBe(false);
    expect(ok({ kind: "bundle", hash: "a".repeat(63) })).toBe(false);
    expect(ok({ kind: "ftp", url: "x" })).toBe(false);
  });

  it("takes https, ssh, git@host:path and file:/// URLs", () => {
    expect(git("https://github.com/acme/flows.git")).toBe(true);
    expect(git("https://x-access-token:abc@github.com/acme/flows.git")).toBe(true);
    expect(git("ssh://git@example.com:2222/acme/flows.git")).toBe(true);
    expect(git("git@github.com:acme/flows.git")).toBe(true);
    expect(git("file:///srv/git/flows.git")).toBe(true);
  });

  it("refuses plain paths, other transports and anything git could read as an option", () => {
    expect(git("/srv/git/flows.git")).toBe(false);
    expect(git("http://example.com/flows.git")).toBe(false);
    expect(git("ext::sh -c touch% /tmp/pwned")).toBe(false);
    expect(git("--upload-pack=touch /tmp/pwned")).toBe(false);
    expect(git("ssh://-oProxyCommand=touch/x")).toBe(false);
    expect(git("git@github.com:-oProxyCommand")).toBe(false);
  });

  it("takes branch, tag and commit refs, not refs with '..', leading dashes or spaces", () => {
    const url = "https://github.com/acme/flows.git";
    for (const ref of ["main", "release/1.2", "v1.2.3", "0123456789abcdef0123456789abcdef01234567"]) {
      expect(git(url, { ref }), ref).toBe(true);
    }
    for (const ref of ["-b", "a..b", "a b", "main.lock", "feature/", ".hidden", "x@{1}"]) {
      expect(git(url, { ref }), ref).toBe(false);
    }
  });

  it("takes a subdirectory inside the repository only", () => {
    const url = "https://github.com/acme/flows.git";
    expect(git(url, { subdirectory: "services/etl" })).toBe(true);
    expect(git(url, { subdirectory: "../outside" })).toBe(false);
    expect(git(url, { subdirectory: "/etc" })).toBe(false);
  });
});
