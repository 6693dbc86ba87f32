/**
 * Running git (for git deployment sources) without shells, prompts or leaked credentials.
 *
 * @module
 */
export { runGit, type GitCommandOptions } from "./git-command.js";
export { redactGitText, redactGitUrl } from "./redact-git-url.js";
