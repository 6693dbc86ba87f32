/**
 * A run's log lines: the lines already written (`POST /api/logs/filter`, paged by
 * `afterId`), then the live tail from the tab's one live connection, continuing after
 * the last loaded id. Mount it with a `key` per run (its state belongs to one run).
 *
 * @module
 */
import { useEffect, useRef, useState } from "react";
import { post } from "../../api/client.js";
import type { LogRecord } from "../../api/types.js";
import { useLiveLogs } from "../../live/live-provider.js";
import { lastLogId, mergeLogLines } from "./log-lines.js";

/** Lines per request. */
const PAGE = 5000;
/** The most lines a page loads; past it, the CLI reads the rest. */
export const MAX_LOADED_LINES = 100_000;
/** Live lines are applied at most this often (a chatty run does not re-render per line). */
const FLUSH_MS = 250;

/** What {@link useRunLogs} gives. */
export interface RunLogs {
  readonly lines: readonly LogRecord[];
  /** True once the existing lines are loaded (the live tail then runs). */
  readonly loaded: boolean;
  /** True when the log is longer than {@link MAX_LOADED_LINES}: neither loaded further nor tailed. */
  readonly truncated: boolean;
  readonly error: unknown;
}

/** The log lines of `flowRunId` (only those of `taskRunId` when given), loaded then tailed. */
export function useRunLogs(flowRunId: string, taskRunId?: string): RunLogs {
  const [lines, setLines] = useState<readonly LogRecord[]>([]);
  const [tailFrom, setTailFrom] = useState<number | undefined>();
  const [truncated, setTruncated] = useState(false);
  const [error, setError] = useState<unknown>();
  const buffer = useRef<LogRecord[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const abort = new AbortController();
    const load = async () => {
      let afterId: number | undefined;
      let total = 0;
      for (;;) {
        const page = await post<LogRecord[]>(
          "/logs/filter",
          {
            flowRunId,
            ...(taskRunId === undefined ? {} : { taskRunId }),
            limit: PAGE,
            ...(afterId === undefined ? {} : { afterId }),
          },
          abort.signal,
        );
        total += page.length;
        if (page.length > 0) setLines((shown) => mergeLogLines(shown, page));
        const last = lastLogId(page);
        if (page.length < PAGE || last === undefined) {
          setTailFrom(last ?? afterId ?? 0);
          return;
        }
        if (total >= MAX_LOADED_LINES) {
          setTruncated(true);
          return;
        }
        afterId = last;
      }
    };
    load().catch((e: unknown) => {
      if (!abort.signal.aborted) setError(e);
    });
    return () => {
      abort.abort();
      clearTimeout(timer.current);
    };
  }, [flowRunId, taskRunId]);

  useLiveLogs(flowRunId, tailFrom, (line) => {
    if (taskRunId !== undefined && line.taskRunId !== taskRunId) return;
    buffer.current.push(line);
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      const fresh = buffer.current;
      buffer.current = [];
      setLines((shown) => mergeLogLines(shown, fresh));
    }, FLUSH_MS);
  });

  return { lines, loaded: tailFrom !== undefined || truncated, truncated, error };
}
