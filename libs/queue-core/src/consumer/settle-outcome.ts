import { UnrecoverableError } from 'bullmq';
import type { Outcome } from './outcome';

/**
 * The one place where an outcome becomes BullMQ mechanics:
 * - `completed` returns the result, which BullMQ stores as the return value;
 * - `retry` throws a plain error: BullMQ counts the attempt and schedules
 *   the next one with Errand's backoff, or dead-letters the job if it was
 *   the last;
 * - `discard` throws `UnrecoverableError`: BullMQ fails the job at once,
 *   whatever attempts are left, and it lands in the dead-letter queue.
 */
export function settleOutcome<Result>(outcome: Outcome<Result>): Result {
  switch (outcome.kind) {
    case 'completed':
      return outcome.result;
    case 'retry':
      throw new Error(outcome.reason);
    case 'discard':
      throw new UnrecoverableError(outcome.reason);
  }
}

/**
 * Where an attempt leaves its job; `released` means the worker shut down
 * mid-attempt and put the job back in its queue, attempt not counted.
 */
export type Settlement = 'succeeded' | 'retrying' | 'dead' | 'released';

/**
 * Where an attempt that ended with `outcome` (or threw, `undefined`) leaves
 * its job, given the attempt's number and the attempts allowed.
 */
export function settlementOf(
  outcome: Outcome<unknown> | undefined,
  attempt: number,
  maxAttempts: number,
): Settlement {
  if (outcome?.kind === 'completed') return 'succeeded';
  if (outcome?.kind === 'discard') return 'dead';
  return attempt < maxAttempts ? 'retrying' : 'dead';
}
