/**
 * Keeping credentials out of messages: a git URL such as
 * `https://x-access-token:ghp_…@github.com/acme/flows.git` is shown as
 * `https://****@github.com/acme/flows.git`. Pure.
 *
 * @module
 */

/**
 * `url` with its user information (a token, a user and password) replaced by `****`;
 * URLs without any are returned as they are. `git@host:path` keeps its `git@`.
 *
 * @example
 * ```ts
 * redactGitUrl("https://user:secret@example.com/r.git"); // "https://****@example.com/r.git"
 * redactGitUrl("git@github.com:acme/flows.git");         // unchanged
 * ```
 */
export function redactGitUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/i, "$1****@");
}

/**
 * `text` (a git error, say) with every appearance of `url` and of its user information
 * hidden, so that nothing secret in the URL reaches a log.
 *
 * @example
 * ```ts
 * redactGitText("fatal: unable to access 'https://tok@h/r.git/'", "https://tok@h/r.git");
 * // "fatal: unable to access 'https://****@h/r.git/'"
 * ```
 */
export function redactGitText(text: string, url: string): string {
  let out = text.split(url).join(redactGitUrl(url));
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/@\s]+)@/i.exec(url)?.[1];
  if (userInfo !== undefined) {
    for (const secret of [userInfo, ...userInfo.split(":")]) {
      if (secret.length >= 4) out = out.split(secret).join("****");
    }
  }
  return out;
}
