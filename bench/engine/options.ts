/**
 * The engine benchmark's sizes and repetition counts: the full run, or `--quick`.
 *
 * @module
 */

/** How much work each case of the engine benchmark does. */
export interface EngineBenchOptions {
  readonly quick: boolean;
  /** Sizes of the mapped cases (the largest runs with `cacheResultInMemory: false`). */
  readonly mappedSizes: readonly [small: number, medium: number, large: number];
  /** Task count of the sequential cases. */
  readonly sequential: number;
  /** Measured repetitions of the small cases (≤ 10k tasks). */
  readonly reps: number;
  /** Unmeasured warm-up runs before each case. */
  readonly warmups: number;
  /** Repeated runs of the largest mapped case (RSS is read after each). */
  readonly largeRuns: number;
}

const FULL: EngineBenchOptions = {
  quick: false,
  mappedSizes: [1_000, 10_000, 100_000],
  sequential: 1_000,
  reps: 5,
  warmups: 2,
  largeRuns: 5,
};

const QUICK: EngineBenchOptions = {
  quick: true,
  mappedSizes: [100, 1_000, 10_000],
  sequential: 200,
  reps: 3,
  warmups: 1,
  largeRuns: 2,
};

/** Reads the options from the command line (`--quick`); throws on an unknown flag. */
export function parseOptions(argv: readonly string[]): EngineBenchOptions {
  for (const arg of argv) {
    if (arg !== "--quick") throw new Error(`unknown argument ${arg} (usage: run.ts [--quick])`);
  }
  return argv.includes("--quick") ? QUICK : FULL;
}
