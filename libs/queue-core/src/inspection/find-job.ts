import type { Job } from 'bullmq';
import type { JobStatus, JobView } from '@errand/contracts';
import { JobNotFoundError } from '../errors/job-not-found-error';
import type { JobEnvelope } from '../producer/job-envelope';
import type { QueueSet } from '../queues/queue-set';
import { toJobStatus } from './job-status-map';
import { toJobView, type ViewOptions } from './to-job-view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A job, its public status and the BullMQ object for further moves. */
export interface FoundJob {
  job: Job<JobEnvelope>;
  status: JobStatus;
}

/**
 * Finds a job by id in whichever type's queue holds it. Ids are ours
 * (UUIDs), so anything else is answered without asking Redis.
 */
export async function findJob(queues: QueueSet, id: string): Promise<FoundJob> {
  if (!UUID.test(id)) throw new JobNotFoundError(id);
  return queues.run(async () => {
    // The state is read before the job, never after: a job that finishes in
    // between then shows its old status with its new data, instead of
    // `succeeded` with no result yet.
    const candidates = queues.all();
    const states = await Promise.all(
      candidates.map(({ queue }) => queue.getJobState(id)),
    );
    const index = states.findIndex(state => state !== 'unknown');
    if (index < 0) throw new JobNotFoundError(id);
    const job: Job<JobEnvelope> | undefined =
      await candidates[index].queue.getJob(id);
    const status = job && toJobStatus(states[index], job.attemptsMade);
    if (!job || !status) throw new JobNotFoundError(id);
    return { job, status };
  });
}

/** The public view of one job. */
export async function getJobView(
  queues: QueueSet,
  id: string,
  options?: ViewOptions,
): Promise<JobView> {
  const { job, status } = await findJob(queues, id);
  return toJobView(job, status, options);
}
