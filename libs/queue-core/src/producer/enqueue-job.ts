import type { EnqueueAccepted, ValidEnqueueRequest } from '@errand/contracts';
import { newJobId } from '../store/job-id';
import type { JobStore } from '../store/job-store';
import { planKeyedHolds } from './hold-keyed-jobs';
import { acceptedJob, newJob, type NewJobMetadata } from './new-job';
import { refuseCallbacksWhenOff } from './refuse-callbacks-when-off';

/** How {@link enqueueJob} stores a job. */
export interface EnqueueJobOptions extends NewJobMetadata {
  /**
   * The job's id, made by the caller beforehand with `newJobId`, e.g. to record it
   * under an idempotency key before the job exists. @defaultValue a new one
   * (a UUID that names the job's type, see store/job-id.ts)
   */
  id?: string;
}

/**
 * Adds a validated job to its type's queue under a new id. Resolves once
 * Redis has stored it: the returned id is then safe to hand to the client.
 */
export async function enqueueJob(
  queues: JobStore,
  request: ValidEnqueueRequest,
  { id = newJobId(request.type), owner, traceparent }: EnqueueJobOptions = {},
): Promise<EnqueueAccepted> {
  refuseCallbacksWhenOff(queues, [request]);
  const job = newJob(queues, id, request, Date.now(), { owner, traceparent });
  const holds = await planKeyedHolds(queues, [request]);
  // A write: acknowledged once the replicas hold it (queue-set.ts).
  const stored = await queues.writeThenWaitForReplicas(() =>
    queues
      .queueFor(request.type)
      .add(request.type, job.envelope, holds.optionsFor(0, job.options)),
  );
  await holds.admit([id]);
  return acceptedJob(id, request, job, stored.timestamp);
}
