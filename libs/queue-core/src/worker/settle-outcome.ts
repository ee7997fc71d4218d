import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Outcome } from '@errand/contracts';

/**
 * The one place where an outcome becomes BullMQ mechanics:
 * - `completed` returns the result, which BullMQ stores as the return value;
 * - `retry` throws a plain error: BullMQ counts the attempt and schedules
 *   the next one with Errand's backoff, or dead-letters the job if it was
 *   the last;
 * - `discard` throws `UnrecoverableError`: BullMQ fails the job at once,
 *   whatever attempts are left, and it lands in the dead-letter queue;
 * - `snooze` moves the job to the delayed set itself and throws
 *   `DelayedError`, which tells BullMQ the job has moved and no attempt was
 *   used.
 */
export async function settleOutcome<Result>(
  outcome: Outcome<Result>,
  job: Job,
  token: string | undefined,
): Promise<Result> {
  switch (outcome.kind) {
    case 'completed':
      return outcome.result;
    case 'retry':
      throw new Error(outcome.reason);
    case 'discard':
      throw new UnrecoverableError(outcome.reason);
    case 'snooze':
      await job.moveToDelayed(Date.now() + outcome.delayMs, token);
      throw new DelayedError(outcome.reason);
  }
}

/**
 * Where an attempt leaves its job; `released` means the worker shut down
 * mid-attempt and put the job back in its queue, and `snoozed` that it
 * waits to run again; neither counts an attempt. `cancelled`: someone
 * cancelled it while it ran.
 */
export type Settlement =
  'succeeded' | 'retrying' | 'dead' | 'released' | 'snoozed' | 'cancelled';

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
  if (outcome?.kind === 'snooze') return 'snoozed';
  return attempt < maxAttempts ? 'retrying' : 'dead';
}
