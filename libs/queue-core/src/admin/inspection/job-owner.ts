import { findCancelledOwner } from '../../store/cancelled-jobs';
import { JobNotFoundError } from '../../store/errors/job-not-found-error';
import type { JobEnvelope } from '../../store/job-envelope';
import { typesOfJobId } from '../../store/job-id';
import type { JobStore } from '../../store/job-store';
import { flowShardsOf } from '../../store/queue-name';
import { findJob } from '../../store/find-job';

/**
 * The envelope of job `id` when its id names its type: one `HGET` of the
 * job's data, since a producer's every status poll asks for its owner
 * first (`GET /jobs/:id` stays within 8 Redis commands). Undefined when
 * BullMQ has no such job; `'unnamed'` when the id names no type, or on a
 * cluster when its type's own queue has no such job (it may be a flow's).
 */
async function envelopeOfTypedId(
  queues: JobStore,
  id: string,
): Promise<JobEnvelope | undefined | 'unnamed'> {
  const types = typesOfJobId(id);
  if (types.length !== 1) return 'unnamed';
  const queue = queues.queueFor(types[0]);
  const data = await queues.runWithDeadline(() =>
    queues.connection.hget(queue.toKey(id), 'data'),
  );
  if (data !== null) return JSON.parse(data) as JobEnvelope;
  // On a cluster a flow's node is in a flow shard's queue of its type,
  // where findJob looks next: read it as if its id named no type.
  return flowShardsOf(queues.naming).length > 0 ? 'unnamed' : undefined;
}

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
    const envelope = await envelopeOfTypedId(queues, id);
    if (envelope === undefined) throw new JobNotFoundError(id);
    if (envelope !== 'unnamed') return envelope.owner;
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
