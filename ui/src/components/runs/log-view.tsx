/**
 * A run's log: existing lines, then the live tail; level filter and text search (over
 * the loaded lines, kept in the URL as `level` and `logq`), download as a `.log` file,
 * and auto-scroll that stops when the reader scrolls up. Long logs are virtualised.
 *
 * @module
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { LogRecord } from "../../api/types.js";
import { formatAbsolute } from "../../format/time.js";
import { ErrorNotice } from "../error-notice.js";
import { DebouncedInput } from "./debounced-input.js";
import {
  LOG_LEVELS,
  filterLogLines,
  formatLogFile,
  levelName,
  loggerLabel,
  minLevelOf,
} from "./log-lines.js";
import { MAX_LOADED_LINES, useRunLogs } from "./use-run-logs.js";
import "./runs.css";

/** Past this many shown lines, only the visible ones are rendered. */
const VIRTUAL_AFTER = 2000;

/** Props of {@link LogView}. */
export interface LogViewProps {
  readonly flowRunId: string;
  /** Only this task run's lines. */
  readonly taskRunId?: string | undefined;
  /** Task run names by id: a task's lines show its name as the logger. */
  readonly taskRunNames?: ReadonlyMap<string, string> | undefined;
  /** The downloaded file's name, without `.log`. */
  readonly fileName: string;
  /** The command that prints the whole log, for logs too long to load. */
  readonly cliCommand: string;
}

const clock = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  fractionalSecondDigits: 3,
  hour12: false,
});

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `${name}.log`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function LogLine({ line, logger, linkTask }: { line: LogRecord; logger: string; linkTask: boolean }) {
  const level = levelName(line.level);
  return (
    <div className={`log-line level-${level.toLowerCase()}`}>
      <time
        className="log-time"
        dateTime={new Date(line.timestamp).toISOString()}
        title={formatAbsolute(line.timestamp)}
      >
        {clock.format(line.timestamp)}
      </time>
      <span className="log-level">{level}</span>
      <span className="log-logger" title={line.name}>
        {linkTask && line.taskRunId !== undefined ? (
          <Link to={`/task-runs/${line.taskRunId}`}>{logger}</Link>
        ) : (
          logger
        )}
      </span>
      <span className="log-message">{line.message}</span>
    </div>
  );
}

/** The log of a flow run (or of one of its task runs). Mount with a `key` per run. */
export function LogView({ flowRunId, taskRunId, taskRunNames, fileName, cliCommand }: LogViewProps) {
  const logs = useRunLogs(flowRunId, taskRunId);
  const [params, setParams] = useSearchParams();
  const level = params.get("level") ?? "";
  const search = params.get("logq") ?? "";
  const setParam = (key: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === "") next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  const names = taskRunNames;
  const loggerOf = useCallback(
    (line: LogRecord) => (names === undefined ? line.name : loggerLabel(line, names)),
    [names],
  );
  const shown = useMemo(
    () => filterLogLines(logs.lines, { minLevel: minLevelOf(level), search }, loggerOf),
    [logs.lines, level, search, loggerOf],
  );

  const scroller = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const virtual = shown.length > VIRTUAL_AFTER;
  // No React Compiler here: the virtualizer's fresh functions each render are what we want.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: virtual ? shown.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => 20,
    overscan: 30,
  });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (follow && el !== null) el.scrollTop = el.scrollHeight;
  }, [shown, follow, virtual]);

  const onScroll = () => {
    const el = scroller.current;
    if (el === null) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
    if (atBottom !== follow) setFollow(atBottom);
  };

  const linkTask = taskRunId === undefined;
  return (
    <section className="log-view" aria-label="Logs">
      <div className="row log-toolbar">
        <label className="inline">
          Level{" "}
          <select value={level} onChange={(e) => setParam("level", e.target.value)}>
            <option value="">all</option>
            {LOG_LEVELS.map((l) => (
              <option key={l.name} value={l.name}>
                {l.name} and above
              </option>
            ))}
          </select>
        </label>
        <DebouncedInput
          type="search"
          aria-label="Search the loaded log lines"
          placeholder="Search lines…"
          data-search=""
          value={search}
          delayMs={200}
          onCommit={(text) => setParam("logq", text)}
        />
        <span className="muted" aria-live="polite">
          {shown.length === logs.lines.length
            ? `${logs.lines.length.toLocaleString("en-US")} lines`
            : `${shown.length.toLocaleString("en-US")} of ${logs.lines.length.toLocaleString("en-US")} lines`}
          {!logs.loaded && " (loading…)"}
        </span>
        <span className="spacer" />
        <button
          type="button"
          onClick={() => setFollow(true)}
          disabled={follow}
          title="Scroll to the newest line and stay there"
        >
          {follow ? "Following" : "Follow new lines"}
        </button>
        <button
          type="button"
          disabled={logs.lines.length === 0}
          onClick={() => download(fileName, formatLogFile(shown, loggerOf))}
          title="Download the shown lines as a text file"
        >
          Download .log
        </button>
      </div>
      {logs.error !== undefined && <ErrorNotice error={logs.error} />}
      {logs.truncated && (
        <p className="muted">
          This log is longer than {MAX_LOADED_LINES.toLocaleString("en-US")} lines: the first ones are shown
          and new ones are not followed. Read all of it with <code>{cliCommand}</code>.
        </p>
      )}
      <div
        ref={scroller}
        className={virtual ? "log-lines virtual" : "log-lines"}
        role="log"
        aria-label="Run logs"
        tabIndex={0}
        onScroll={onScroll}
      >
        {logs.loaded && logs.lines.length === 0 && <p className="muted log-empty">No log lines yet.</p>}
        {logs.lines.length > 0 && shown.length === 0 && (
          <p className="muted log-empty">No line matches the filter.</p>
        )}
        {virtual ? (
          <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const line = shown[item.index];
              if (line === undefined) return null;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{
                    position: "absolute",
                    top: 0,
                    left: 0,
                    right: 0,
                    transform: `translateY(${item.start}px)`,
                  }}
                >
                  <LogLine line={line} logger={loggerOf(line)} linkTask={linkTask} />
                </div>
              );
            })}
          </div>
        ) : (
          shown.map((line, i) => (
            <LogLine key={line.id ?? `i${i}`} line={line} logger={loggerOf(line)} linkTask={linkTask} />
          ))
        )}
      </div>
    </section>
  );
}
