/**
 * The context object of a running task run (see {@link TaskRunContext}).
 *
 * Its logger and abort signal are made on first use: most task runs never ask for them.
 *
 * @module
 */
import type { FlowRunContext, TaskRunContext } from "./context.js";
import { createRunLogger, type RunLogger } from "./logger.js";
import type { TaskRunSnapshot } from "./recorder.js";

/** The context of one attempt of a task run. */
export class TaskRunContextImpl implements TaskRunContext {
  readonly kind = "task";
  finished = false;
  #logger: RunLogger | undefined;
  #controller: AbortController | undefined;

  constructor(
    readonly flow: FlowRunContext,
    readonly taskRun: TaskRunSnapshot,
    readonly logPrints: boolean,
    /** 1 for the first attempt of this call. */
    readonly attempt: number,
  ) {}

  get logger(): RunLogger {
    return (this.#logger ??= createRunLogger({
      recorder: this.flow.recorder,
      flowRunId: this.flow.flowRunId,
      taskRunId: this.taskRun.id,
      displayName: `Task run '${this.taskRun.name}'`,
      level: this.flow.config.logLevel,
      colors: this.flow.config.colors,
      isOpen: () => !this.finished,
      onDropped: () => {
        this.flow.droppedLateLogs++;
      },
    }));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The controller behind {@link signal}; aborted too when the flow run is cancelled. */
  get controller(): AbortController {
    if (this.#controller === undefined) {
      const controller = new AbortController();
      this.#controller = controller;
      const cancellation = this.flow.cancellation;
      if (cancellation.aborted) controller.abort(cancellation.reason);
      else {
        const onCancel = () => controller.abort(cancellation.reason);
        cancellation.addEventListener("abort", onCancel, { once: true });
        controller.signal.addEventListener(
          "abort",
          () => cancellation.removeEventListener("abort", onCancel),
          { once: true },
        );
      }
    }
    return this.#controller;
  }
}
