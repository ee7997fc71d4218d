import { findCancelledOwner } from '../../store/cancelled-jobs';
import { JobNotFoundError } from '../../store/errors/job-not-found-error';
import type { JobStore } from '../../store/job-store';
import { findJob } from '../../store/find-job';

/**
 * The name of the API key that enqueued job `id` (see
 * `JobEnvelope.owner`), or undefined for a job enqueued without keys.
 * Cancelled jobs have left BullMQ; their owner is kept with them. Throws
 * `JobNotFoundError` when no job has the id.
 */
export async function findJobOwner(
  queues: JobStore,
  id: string,
): Promise<string | undefined> {
  try {
    const { job } = await findJob(queues, id);
    return job.data.owner;
  } catch (error) {
    if (!(error instanceof JobNotFoundError)) throw error;
    const owner = await queues.runWithDeadline(() =>
      findCancelledOwner(queues, id),
    );
    if (owner === null) throw error;
    return owner;
  }
}
