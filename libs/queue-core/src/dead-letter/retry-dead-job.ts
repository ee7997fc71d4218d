import type { JobView } from '@errand/contracts';
import { JobNotDeadError } from '../errors/job-not-dead-error';
import { findJob, getJobView } from '../inspection/find-job';
import type { QueueSet } from '../queues/queue-set';

/**
 * Sends a dead job back to its queue: same id, same payload, attempt counter
 * reset, so it gets its full retry budget again.
 */
export async function retryDeadJob(
  queues: QueueSet,
  id: string,
): Promise<JobView> {
  const { job, status } = await findJob(queues, id);
  if (status !== 'dead') throw new JobNotDeadError(id, status);
  await queues.run(() =>
    job.retry('failed', {
      resetAttemptsMade: true,
      resetAttemptsStarted: true,
    }),
  );
  return getJobView(queues, id);
}
