import type { BackoffPolicy } from '@errand/contracts';
import { exponential, fixed, withJitter } from '../store/retry/backoff';
import type { RetryPolicy } from '../store/retry/retry-policy';

/**
 * A backoff a worker registers by name for `{strategy: 'custom', name}`:
 * the wait in ms after the `attempt`-th failure (from 1), given its error.
 */
export type CustomBackoff = (attempt: number, error: Error) => number;

/** The global {@link RetryPolicy} as an exponential {@link BackoffPolicy}. */
export function exponentialPolicy(policy: RetryPolicy): BackoffPolicy {
  return { strategy: 'exponential', ...policy };
}

/**
 * Why a policy cannot run, or undefined when it can: a custom strategy
 * nobody registered, or numbers outside their range. Checked when a worker
 * starts, so a bad policy stops the worker instead of mistiming retries.
 */
export function backoffProblem(
  policy: BackoffPolicy,
  strategies: Readonly<Record<string, CustomBackoff>>,
): string | undefined {
  const badJitter = (jitter: number) =>
    !(jitter >= 0 && jitter <= 1) && `jitter ${jitter} is not within 0 to 1`;
  switch (policy.strategy) {
    case 'custom':
      return Object.hasOwn(strategies, policy.name)
        ? undefined
        : `no custom backoff named "${policy.name}" is registered`;
    case 'fixed':
      if (!(policy.delayMs >= 0)) return `delayMs ${policy.delayMs} is < 0`;
      return badJitter(policy.jitter) || undefined;
    case 'exponential':
      if (!(policy.baseMs >= 0 && policy.capMs >= policy.baseMs)) {
        return `baseMs ${policy.baseMs} and capMs ${policy.capMs} need 0 ≤ baseMs ≤ capMs`;
      }
      return badJitter(policy.jitter) || undefined;
  }
}

/**
 * How long to wait after the `attempt`-th failure under `policy`. Pure but
 * for the custom strategy it calls; whatever that returns is made a whole,
 * non-negative number of ms (anything not finite counts as 0).
 *
 * @param random - a number in [0, 1); `Math.random` unless a test fixes it.
 */
export function backoffDelay(
  policy: BackoffPolicy,
  attempt: number,
  error: Error,
  strategies: Readonly<Record<string, CustomBackoff>> = {},
  random: () => number = Math.random,
): number {
  switch (policy.strategy) {
    case 'exponential':
      return withJitter(
        exponential(attempt, policy.baseMs, policy.capMs),
        policy.jitter,
        random,
      );
    case 'fixed':
      return withJitter(fixed(policy.delayMs), policy.jitter, random);
    case 'custom': {
      const delay = strategies[policy.name]?.(attempt, error) ?? 0;
      return Number.isFinite(delay) ? Math.max(0, Math.ceil(delay)) : 0;
    }
  }
}
