import type { JobType } from '@errand/contracts';
import { QueueFullError } from '../store/errors/queue-full-error';
import { countIdempotencyRecords } from './idempotency/idempotency-record-index';
import type { JobStore } from '../store/job-store';

/** The default of {@link AdmissionLimits.defaultCap}. */
export const DEFAULT_QUEUE_CAP = 100_000;

/** How many jobs each type may hold before enqueues are refused. */
export interface AdmissionLimits {
  /**
   * What each type may hold: waiting jobs (queued, prioritized, scheduled)
   * plus live idempotency records, which stay for their window after their
   * job has run and so hold Redis memory too.
   */
  defaultCap: number;
  /** Per-type overrides of {@link defaultCap}. */
  caps?: Readonly<Partial<Record<JobType, number>>>;
  /**
   * How long a count is reused before Redis is asked again, so a burst of
   * enqueues costs one count per type per interval. @defaultValue 250 ms
   */
  cacheMs?: number;
  /** The `Retry-After` of a refusal, in seconds. @defaultValue 5 */
  retryAfterSeconds?: number;
}

interface CachedCount {
  at: number;
  waiting: number;
}

const counts = new WeakMap<JobStore, Map<JobType, CachedCount>>();

/** Waiting jobs and live records of `type`, cached while fresh. */
async function waitingCount(
  queues: JobStore,
  type: JobType,
  cacheMs: number,
): Promise<CachedCount> {
  let byType = counts.get(queues);
  if (!byType) counts.set(queues, (byType = new Map()));
  const cached = byType.get(type);
  if (cached && Date.now() - cached.at < cacheMs) return cached;
  const [found, records] = await Promise.all([
    // Every queue of the type: on a cluster its flow shards' too.
    queues.runWithDeadline(() =>
      Promise.all(
        queues
          .queuesOf(type)
          .map(queue => queue.getJobCounts('wait', 'prioritized', 'delayed')),
      ),
    ),
    countIdempotencyRecords(queues, type),
  ]);
  const fresh = {
    at: Date.now(),
    waiting: found
      .flatMap(counts => Object.values(counts))
      .reduce((sum, n) => sum + n, records),
  };
  byType.set(type, fresh);
  return fresh;
}

/**
 * Admission control: refuses `count` new jobs of `type` with a
 * {@link QueueFullError} when they would take its queue over the cap, so one
 * runaway producer cannot fill Redis (which would stop every queue).
 *
 * The count is cached for `cacheMs` and bumped by what this process admits,
 * so a cap is soft: other API replicas may each add up to one interval's
 * worth of jobs past it before they see the new count.
 */
export async function admitJobs(
  queues: JobStore,
  type: JobType,
  count: number,
  limits: AdmissionLimits,
): Promise<void> {
  const cap = limits.caps?.[type] ?? limits.defaultCap;
  const cached = await waitingCount(queues, type, limits.cacheMs ?? 250);
  if (cached.waiting + count > cap) {
    throw new QueueFullError(type, cap, limits.retryAfterSeconds ?? 5);
  }
  cached.waiting += count;
}
