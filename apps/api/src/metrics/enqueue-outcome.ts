import { jobAliases, jobTypes } from '@errand/contracts';

/** How an enqueue request ended, as the `outcome` label says it. */
export type EnqueueOutcome =
  | 'accepted'
  | 'replayed'
  | 'rejected'
  | 'denied'
  | 'conflict'
  | 'throttled'
  | 'unavailable'
  | 'error';

/**
 * The outcome of an enqueue request from its answer: stored (202), an
 * idempotent repeat (200), refused for its content (400, 413, 415), its
 * key (401, 403), a conflicting repeat (409), a rate limit or full queue
 * (429), Redis away (503), or our failure (other 5xx).
 */
export function enqueueOutcome(
  status: number,
  replayed: boolean,
): EnqueueOutcome {
  if (status === 200 && replayed) return 'replayed';
  if (status >= 200 && status < 300) return 'accepted';
  if (status === 401 || status === 403) return 'denied';
  if (status === 409) return 'conflict';
  if (status === 429) return 'throttled';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'error';
  return 'rejected';
}

const known = new Set<string>(jobTypes);

/**
 * A job type fit for a label: the catalog's types, or `unknown`, so a
 * client sending made-up types cannot grow the series without bound.
 */
export function typeLabel(type: unknown): string {
  if (typeof type !== 'string') return 'unknown';
  if (known.has(type)) return type;
  // An alias counts as the type it stands for, as the job is stored.
  return jobAliases.get(type)?.type ?? 'unknown';
}
