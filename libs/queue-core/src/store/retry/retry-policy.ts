import { exponential, withJitter } from './backoff';

/** How failed attempts are spaced out. */
export interface RetryPolicy {
  /** The wait after the first failure. @defaultValue 1 000 ms */
  baseMs: number;
  /** No wait is longer than this. @defaultValue 300 000 ms (5 minutes) */
  capMs: number;
  /** Up to this share of each wait is taken off at random. @defaultValue 0.2 */
  jitter: number;
}

/** 1 s, 2 s, 4 s … doubling up to 5 minutes, each up to 20 % shorter. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 1_000,
  capMs: 300_000,
  jitter: 0.2,
};

/** The BullMQ backoff type name under which Errand's policy runs. */
export const ERRAND_BACKOFF = 'errand.exponential';

/** A request's `retries` is what follows the first attempt. */
export function attemptsFor(retries: number): number {
  return retries + 1;
}

/** How long to wait after the `attempt`-th failure. */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number {
  return withJitter(
    exponential(attempt, policy.baseMs, policy.capMs),
    policy.jitter,
    random,
  );
}
