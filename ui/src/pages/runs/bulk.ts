/**
 * Bulk actions over selected runs: each id once, a few at a time, every outcome kept so
 * that failures can be reported with their error codes. Pure (the action is a parameter).
 *
 * @module
 */

/** What happened to each id. */
export interface BulkOutcome {
  readonly done: readonly string[];
  readonly failed: readonly { readonly id: string; readonly error: unknown }[];
}

/** Runs `action` for each id, at most `concurrency` at once, and collects the outcomes. */
export async function runBulk(
  ids: readonly string[],
  action: (id: string) => Promise<unknown>,
  concurrency = 4,
): Promise<BulkOutcome> {
  const queue = [...new Set(ids)];
  const done: string[] = [];
  const failed: { id: string; error: unknown }[] = [];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      try {
        await action(id);
        done.push(id);
      } catch (error) {
        failed.push({ id, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
  return { done, failed };
}

/** "Cancel 3 runs?" — the confirmation question of a bulk action. */
export function confirmQuestion(verb: string, count: number, note?: string): string {
  return `${verb} ${count} run${count === 1 ? "" : "s"}?${note === undefined ? "" : ` ${note}`}`;
}

/** "Cancelled 2 of 3 runs" — the summary of a bulk action. */
export function outcomeSummary(pastVerb: string, outcome: BulkOutcome): string {
  const total = outcome.done.length + outcome.failed.length;
  return `${pastVerb} ${outcome.done.length} of ${total} run${total === 1 ? "" : "s"}`;
}
