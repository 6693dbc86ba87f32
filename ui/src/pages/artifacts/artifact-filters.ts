/**
 * The artifacts pages' state in the URL and their requests: the list
 * (`/artifacts?type=table&key=daily-report&offset=50&preview=ID`) and one key's versions
 * (`/artifacts/daily-report?version=ID&offset=20`).
 *
 * @module
 */
import type { Artifact, ArtifactFilter, ArtifactType } from "../../api/types.js";
import { readOffset } from "../../components/offset-page.js";

/** The kinds of artifact, in the order the type filter lists them. */
export const ARTIFACT_TYPES: readonly ArtifactType[] = ["markdown", "table", "link", "progress", "image"];

/** Artifacts per page of the list. */
export const ARTIFACTS_PAGE_SIZE = 50;

/** Versions per page of a key's history. */
export const VERSIONS_PAGE_SIZE = 20;

/** True for a known artifact type. */
export function isArtifactType(value: unknown): value is ArtifactType {
  return typeof value === "string" && (ARTIFACT_TYPES as readonly string[]).includes(value);
}

/** What the artifacts list shows. */
export interface ArtifactListView {
  readonly type: ArtifactType | undefined;
  /** An exact key ("" for every key): the API matches keys exactly. */
  readonly key: string;
  readonly offset: number;
  /** The artifact whose content is shown under its row. */
  readonly preview: string | undefined;
}

/** Reads the list's view from the query string; an unknown type reads as none. */
export function readArtifactListView(params: URLSearchParams): ArtifactListView {
  const type = params.get("type");
  return {
    type: isArtifactType(type) ? type : undefined,
    key: params.get("key") ?? "",
    offset: readOffset(params),
    preview: params.get("preview") ?? undefined,
  };
}

/** Writes the list's view to a query string, leaving defaults out. */
export function writeArtifactListView(view: ArtifactListView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.type !== undefined) params.set("type", view.type);
  if (view.key !== "") params.set("key", view.key);
  if (view.offset > 0) params.set("offset", String(view.offset));
  if (view.preview !== undefined) params.set("preview", view.preview);
  return params;
}

/** The list's request: the latest version of each key, one row more than a page. */
export function artifactListFilter(view: ArtifactListView): ArtifactFilter {
  return {
    latestOnly: true,
    ...(view.type === undefined ? {} : { type: view.type }),
    ...(view.key === "" ? {} : { key: view.key }),
    limit: ARTIFACTS_PAGE_SIZE + 1,
    offset: view.offset,
  };
}

/** A key's versions, newest first, one row more than a page. */
export function versionsFilter(key: string, offset: number): ArtifactFilter {
  return { key, limit: VERSIONS_PAGE_SIZE + 1, offset };
}

/** A key as typed in the search box: keys are lowercase, without surrounding spaces. */
export function normaliseKeyInput(text: string): string {
  return text.trim().toLowerCase();
}

/** How long a progress artifact that has not moved is still polled. */
const PROGRESS_POLL_WINDOW_MS = 10 * 60_000;

/** How often to refetch an artifact shown: a progress below 100% that moved lately is polled. */
export const PROGRESS_POLL_MS = 3_000;

/** True when `artifact` is a progress still moving: below 100% and updated in the last 10 minutes. */
export function isLiveProgress(artifact: Artifact, now: number): boolean {
  return (
    artifact.type === "progress" &&
    typeof artifact.data === "number" &&
    artifact.data < 100 &&
    now - artifact.updatedAt < PROGRESS_POLL_WINDOW_MS
  );
}

/** The refetch interval of a query holding `artifacts`: polled while one is a live progress. */
export function progressRefetch(artifacts: readonly Artifact[] | undefined, now: number): number | false {
  return artifacts?.some((artifact) => isLiveProgress(artifact, now)) === true ? PROGRESS_POLL_MS : false;
}

/** {@link progressRefetch} at the current time: a query's `refetchInterval`. */
export function refetchWhileProgressing(artifacts: readonly Artifact[] | undefined): number | false {
  return progressRefetch(artifacts, Date.now());
}

/** The flow and task runs that made `artifacts`, each id once (at most 1,000, the API's cap). */
export function runIds(artifacts: readonly (Artifact | undefined)[]): {
  readonly flowRunIds: string[];
  readonly taskRunIds: string[];
} {
  const flows = new Set<string>();
  const tasks = new Set<string>();
  for (const artifact of artifacts) {
    if (artifact?.flowRunId !== undefined) flows.add(artifact.flowRunId);
    if (artifact?.taskRunId !== undefined) tasks.add(artifact.taskRunId);
  }
  return { flowRunIds: [...flows].slice(0, 1000), taskRunIds: [...tasks].slice(0, 1000) };
}

/** What an empty, filtered list says. */
export function emptyListTitle(view: Pick<ArtifactListView, "type" | "key">): string {
  const withKey = view.key === "" ? "" : ` with the key “${view.key}”`;
  if (view.type === undefined) return `No artifact${withKey}.`;
  return view.key === "" ? `No ${view.type} artifacts.` : `No ${view.type} artifact${withKey}.`;
}
