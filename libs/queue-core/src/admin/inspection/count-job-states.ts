import type { JobType, StatusCounts } from '@errand/contracts';
import type { JobStore } from '../../store/job-store';
import { COUNTED_STATES, statusCountsOf } from './status-counts';

/** One type's jobs by where they stand. */
export interface TypeStatusCounts {
  type: JobType;
  counts: StatusCounts;
}

/**
 * Counts every type's jobs by status, and nothing else: one `getJobCounts`
 * per queue of each type (one per type on one Redis), sent together, whatever the queues hold. The cheap cousin of
 * `countJobs` for callers that poll, such as the metrics scrape, which must
 * not read a thousand jobs per type every few seconds. Under the set's
 * deadline: a slow or absent Redis rejects with `QueueUnavailableError`.
 */
export function countJobStates(queues: JobStore): Promise<TypeStatusCounts[]> {
  return queues.runWithDeadline(() =>
    Promise.all(
      queues.all().map(async ({ type }) => {
        // Every queue of the type: on a cluster its flow shards' too.
        const perQueue = await Promise.all(
          queues
            .queuesOf(type)
            .map(queue => queue.getJobCounts(...COUNTED_STATES)),
        );
        return { type, counts: statusCountsOf(perQueue) };
      }),
    ),
  );
}
