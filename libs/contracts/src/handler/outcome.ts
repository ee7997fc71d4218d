import type { TypedFlowStep } from '../http/flow-request';

/**
 * What a handler says happened, after Oban's worker return protocol:
 * - `completed`: done, with a result;
 * - `retry`: this attempt failed, try again after the backoff (uses an
 *   attempt; the last one makes the job dead);
 * - `discard`: it can never succeed, send it to the dead-letter queue now;
 * - `rateLimited`: the provider said "slow down" (HTTP 429 or 503 with
 *   `Retry-After`, SMTP 421/450/451/452): no job of the type starts on any
 *   worker for `retryAfterMs`, and this one waits, attempt not used
 *   (docs/flow-control.md);
 * - `snooze`: not now; run it again after `delayMs` without using an
 *   attempt (the worker also snoozes a job written by a newer contract
 *   than it knows, until a worker that knows it takes it);
 * - `waitForChildren`: store these children and wait, without using an
 *   attempt, until they have ended; the handler is then called again with
 *   `context.pass` one higher and their outcomes in `context.children()`.
 * A handler that throws is treated as `retry`.
 */
export type Outcome<Result> =
  | { kind: 'completed'; result: Result }
  | { kind: 'retry'; reason: string }
  | { kind: 'discard'; reason: string }
  | { kind: 'rateLimited'; retryAfterMs: number; reason: string }
  | { kind: 'snooze'; delayMs: number; reason: string }
  | { kind: 'waitForChildren'; children: TypedFlowStep[] };

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

/** The longest a provider's pause may be: an hour (a worker may cap it lower). */
export const MAX_PROVIDER_PAUSE_MS = 60 * 60 * 1_000;

/**
 * The provider asks to slow down: pause the whole type on every worker for
 * `retryAfterMs` (at most an hour); this job waits, attempt not used.
 */
export function rateLimited(
  retryAfterMs: number,
  reason: string,
): Outcome<never> {
  return {
    kind: 'rateLimited',
    retryAfterMs: Math.min(
      Math.max(1, Math.ceil(retryAfterMs) || 1),
      MAX_PROVIDER_PAUSE_MS,
    ),
    reason,
  };
}

/** The longest a job may snooze at once: one hour. */
const MAX_SNOOZE_MS = 60 * 60 * 1_000;

/** Not now: run again after `delayMs` (at most an hour), attempt not used. */
export function snooze(delayMs: number, reason: string): Outcome<never> {
  return {
    kind: 'snooze',
    delayMs: Math.min(Math.max(0, delayMs), MAX_SNOOZE_MS),
    reason,
  };
}

/**
 * Fan out: store `children` (each typed like an enqueue) and call the
 * handler again once they have ended, no attempt used (docs/flows.md).
 */
export function waitForChildren(children: TypedFlowStep[]): Outcome<never> {
  return { kind: 'waitForChildren', children };
}
