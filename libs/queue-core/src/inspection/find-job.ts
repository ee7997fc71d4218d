import type { Job } from 'bullmq';
import type { JobStatus, JobView } from '@errand/contracts';
import { JobNotFoundError } from '../errors/job-not-found-error';
import type { JobEnvelope } from '../producer/job-envelope';
import type { QueueSet } from '../queues/queue-set';
import { toJobStatus } from './job-status-map';
import { toJobView } from './to-job-view';

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
    const candidates = await Promise.all(
      queues.all().map(({ queue }) => queue.getJob(id)),
    );
    const job = candidates.find(candidate => candidate !== undefined);
    if (!job) throw new JobNotFoundError(id);
    const status = toJobStatus(await job.getState(), job.attemptsMade);
    if (!status) throw new JobNotFoundError(id);
    return { job, status };
  });
}

/** The public view of one job. */
export async function getJobView(
  queues: QueueSet,
  id: string,
): Promise<JobView> {
  const { job, status } = await findJob(queues, id);
  return toJobView(job, status);
}
