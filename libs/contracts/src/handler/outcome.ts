/**
 * What a handler says happened, after Oban's worker return protocol:
 * - `completed`: done, with a result;
 * - `retry`: this attempt failed, try again after the backoff (uses an
 *   attempt; the last one makes the job dead);
 * - `discard`: it can never succeed, send it to the dead-letter queue now;
 * - `snooze`: not now; run it again after `delayMs` without using an
 *   attempt (the worker also snoozes a job written by a newer contract
 *   than it knows, until a worker that knows it takes it).
 * A handler that throws is treated as `retry`.
 */
export type Outcome<Result> =
  | { kind: 'completed'; result: Result }
  | { kind: 'retry'; reason: string }
  | { kind: 'discard'; reason: string }
  | { kind: 'snooze'; delayMs: number; reason: string };

/** The job is done; `result` is stored with it. */
export function completed<Result>(result: Result): Outcome<Result> {
  return { kind: 'completed', result };
}

/** This attempt failed; try again after the backoff. */
export function retry(reason: string): Outcome<never> {
  return { kind: 'retry', reason };
}

/** The job can never succeed; dead-letter it without further attempts. */
export function discard(reason: string): Outcome<never> {
  return { kind: 'discard', reason };
}

/** The longest a job may snooze at once: one hour. */
export const MAX_SNOOZE_MS = 60 * 60 * 1_000;

/** Not now: run again after `delayMs` (at most an hour), attempt not used. */
export function snooze(delayMs: number, reason: string): Outcome<never> {
  return {
    kind: 'snooze',
    delayMs: Math.min(Math.max(0, delayMs), MAX_SNOOZE_MS),
    reason,
  };
}
