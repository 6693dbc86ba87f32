/**
 * Orchestration rules: pure, ordered, named functions that decide what happens to a
 * proposed state transition.
 *
 * A rule looks at the run's current state, the proposed one and the facts in the
 * {@link TransitionContext} (time is passed in, never read) and answers with a
 * {@link Decision}: accept (possibly a different state), reject, or wait. Rules run in
 * order; an accepted state replaces the proposal for the rules after it; the first reject
 * or wait ends the evaluation.
 *
 * @module
 */
import type { ResultRef, StateData } from "../state-data.js";
import type { StateType } from "../state-type.js";

/** What the rules know about the run whose state is changing. */
export interface RunFacts {
  /** How many times the run has entered RUNNING so far (0 before its first attempt). */
  readonly runCount: number;
  /**
   * How many of its attempts were suspended and went on later: each entered RUNNING twice,
   * so the attempts so far are `runCount − suspensions` (default 0).
   */
  readonly suspensions?: number | undefined;
  /** How many retries the run may take after its first attempt. */
  readonly retries: number;
  /** The delay before retry number `attempt` (1 = first retry), in ms, jitter included. */
  readonly retryDelayMs: (attempt: number) => number;
}

/** A valid, unexpired cached result found for the run's cache key. */
export interface CacheHit {
  readonly cacheKey: string;
  readonly sourceRunId: string;
  readonly result: ResultRef;
}

/** Everything a rule may read. */
export interface TransitionContext {
  /** The run's current state; `undefined` for a run being created. */
  readonly initial: StateData | undefined;
  /** The state proposed by the engine, a client, or an earlier rule. */
  readonly proposed: StateData;
  /** The time of the decision, ms since the epoch. */
  readonly now: number;
  readonly run: RunFacts;
  /** False when a failure must not be retried (a `retryCondition` said no, or the error is final). */
  readonly retryable?: boolean | undefined;
  /** A cache hit for the run's cache key, looked up before the decision. */
  readonly cacheHit?: CacheHit | undefined;
  /** The run is being re-run because its flow run is retried: terminal states may be left. */
  readonly rerun?: boolean | undefined;
  /** An operator asked to force the transition: protective rules step aside. */
  readonly force?: boolean | undefined;
}

/** The answer of a rule or of a whole rule set. */
export type Decision =
  | { readonly kind: "accept"; readonly state: StateData; readonly cacheHit?: CacheHit | undefined }
  | { readonly kind: "reject"; readonly reason: string; readonly state: StateData | undefined }
  | { readonly kind: "wait"; readonly delayMs: number; readonly reason: string };

/** A state type, or `null` for "no state yet". */
export type FromType = StateType | null;

/** One orchestration rule. `undefined` from `apply` means "no opinion". */
export interface OrchestrationRule {
  readonly name: string;
  /** The current state types this rule looks at, or `"any"`. */
  readonly from: readonly FromType[] | "any";
  /** The proposed state types this rule looks at, or `"any"`. */
  readonly to: readonly StateType[] | "any";
  readonly apply: (ctx: TransitionContext) => Decision | undefined;
}

function matches(rule: OrchestrationRule, from: FromType, to: StateType): boolean {
  return (rule.from === "any" || rule.from.includes(from)) && (rule.to === "any" || rule.to.includes(to));
}

/**
 * Applies `rules` in order to a proposed transition and returns the decision.
 *
 * @example
 * ```ts
 * const decision = applyRules(TASK_RULES, { initial, proposed, now: Date.now(), run });
 * if (decision.kind === "accept") persist(decision.state);
 * ```
 */
export function applyRules(rules: readonly OrchestrationRule[], ctx: TransitionContext): Decision {
  let current = ctx;
  let cacheHit: CacheHit | undefined;
  const from: FromType = ctx.initial?.type ?? null;
  for (const rule of rules) {
    if (!matches(rule, from, current.proposed.type)) continue;
    const decision = rule.apply(current);
    if (decision === undefined) continue;
    if (decision.kind !== "accept") return decision;
    if (decision.cacheHit !== undefined) cacheHit = decision.cacheHit;
    if (decision.state !== current.proposed) current = { ...current, proposed: decision.state };
  }
  return { kind: "accept", state: current.proposed, cacheHit };
}

/** How many attempts the run has made: entries into RUNNING, less the resumed suspensions. */
export function attemptsOf(run: Pick<RunFacts, "runCount" | "suspensions">): number {
  return run.runCount - (run.suspensions ?? 0);
}
