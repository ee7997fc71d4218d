import type { JobView } from '@errand/contracts';
import { JobNotDeadError } from '../../store/errors/job-not-dead-error';
import { findJob, getJobView } from '../../store/find-job';
import type { JobStore } from '../../store/job-store';
import { requeueDeadJob } from './requeue-dead-job';

/**
 * Sends a dead job back to its queue: same id, same payload, attempt counter
 * reset, so it gets its full retry budget again. Its history records the
 * replay and who asked.
 *
 * @param by - who asked, as the history shows it. @defaultValue `'api'`
 */
export async function retryDeadJob(
  queues: JobStore,
  id: string,
  by = 'api',
): Promise<JobView> {
  const { job, status } = await findJob(queues, id);
  if (status !== 'dead') throw new JobNotDeadError(id, status);
  await requeueDeadJob(queues, job, { by });
  return getJobView(queues, id);
}
