import type { BackoffStrategy } from 'bullmq';
import {
  ErrandError,
  ErrorCode,
  isJobType,
  type BackoffPolicy,
  type JobType,
} from '@errand/contracts';
import type { CatalogLike } from './catalog-like';
import {
  backoffDelay,
  backoffProblem,
  exponentialPolicy,
  type CustomBackoff,
} from './backoff-policy';
import { ERRAND_BACKOFF, type RetryPolicy } from '../store/retry/retry-policy';

/** What the worker's backoff is built from. */
export interface BackoffStrategyOptions {
  catalog: CatalogLike;
  /** The types the worker serves: their policies are checked up front. */
  types: readonly JobType[];
  /** For types whose defaults name no backoff. */
  retryPolicy: RetryPolicy;
  /** Custom strategies by name. @defaultValue none */
  strategies?: Readonly<Record<string, CustomBackoff>>;
}

/**
 * The BullMQ `backoffStrategy` of a worker: for a job stored with Errand's
 * backoff type, the wait its type's policy gives (the catalog's
 * `defaults.backoff`), else the global policy's. The job's type is its
 * BullMQ name. Throws `config.invalid` at once when a served type's policy
 * cannot run, e.g. a custom strategy nobody registered.
 */
export function createBackoffStrategy({
  catalog,
  types,
  retryPolicy,
  strategies = {},
}: BackoffStrategyOptions): BackoffStrategy {
  const fallback = exponentialPolicy(retryPolicy);
  const policies = new Map<string, BackoffPolicy>();
  for (const type of types) {
    const policy = catalog[type].defaults.backoff ?? fallback;
    const problem = backoffProblem(policy, strategies);
    if (problem) {
      throw new ErrandError(
        ErrorCode.configInvalid,
        `The backoff of ${type} cannot run: ${problem}.`,
      );
    }
    policies.set(type, policy);
  }
  return (attemptsMade, backoffType, error, job) => {
    if (backoffType !== ERRAND_BACKOFF) return 0;
    const name = job?.name ?? '';
    const policy =
      policies.get(name) ??
      (isJobType(name) ? catalog[name].defaults.backoff : undefined);
    const usable =
      policy && !backoffProblem(policy, strategies) ? policy : fallback;
    return backoffDelay(
      usable,
      attemptsMade,
      error ?? new Error('unknown failure'),
      strategies,
    );
  };
}
