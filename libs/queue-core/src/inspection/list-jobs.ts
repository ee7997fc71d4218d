import type { Job } from 'bullmq';
import {
  jobTypes,
  type JobStatus,
  type JobType,
  type JobView,
} from '@errand/contracts';
import type { JobEnvelope } from '../producer/job-envelope';
import type { QueueSet } from '../queues/queue-set';
import { bullStatesOf, toJobStatus } from './job-status-map';
import { toJobView, type ViewOptions } from './to-job-view';

/** Which jobs to list. */
export interface JobFilter extends ViewOptions {
  status?: JobStatus;
  type?: JobType;
  /** @defaultValue 20 */
  limit?: number;
}

const allBullStates = [...new Set(Object.values(bullStatesOf).flat())];

/**
 * Lists jobs, newest first, across every type's queue unless filtered.
 * Reads at most `limit` jobs per queue and state, so its cost is bounded by
 * the limit, not by the queue's size.
 */
export async function listJobs(
  queues: QueueSet,
  filter: JobFilter = {},
): Promise<JobView[]> {
  const limit = filter.limit ?? 20;
  const types = filter.type ? [filter.type] : jobTypes;
  const states = filter.status ? bullStatesOf[filter.status] : allBullStates;
  return queues.run(async () => {
    const batches = await Promise.all(
      types.flatMap(type =>
        states.map(async state => {
          const jobs = (await queues
            .queueFor(type)
            .getJobs([state], 0, limit - 1, false)) as Job<JobEnvelope>[];
          return jobs.flatMap(job => {
            const status = toJobStatus(state, job.attemptsMade);
            return status && (!filter.status || status === filter.status)
              ? [toJobView(job, status, filter)]
              : [];
          });
        }),
      ),
    );
    return batches
      .flat()
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, limit);
  });
}
