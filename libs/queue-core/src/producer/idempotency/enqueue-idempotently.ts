import type { EnqueueAccepted, ValidEnqueueRequest } from '@errand/contracts';
import { JobNotFoundError } from '../../store/errors/job-not-found-error';
import { getJobView } from '../../store/find-job';
import { newJobId } from '../../store/job-id';
import { enqueueJob } from '../enqueue-job';
import { delayOf } from '../../store/job-options';
import type { JobStore } from '../../store/job-store';
import { storeOnce, type IdempotencyKeyUse } from './store-once';

/** What an idempotent enqueue needs beside the request. */
export interface IdempotentEnqueue extends IdempotencyKeyUse {
  /** The trace the job joins, as in `EnqueueJobOptions`. */
  traceparent?: string;
}

/** The answer: the job, and whether this call created it. */
export interface IdempotentOutcome {
  accepted: EnqueueAccepted;
  /** False for a repeat: nothing new was stored. */
  created: boolean;
}

/**
 * Enqueues a job at most once per idempotency key within the window (see
 * store-once.ts). A repeat answers with the first job, its current status
 * when the job is still stored, else the status it was accepted with (the
 * record outlives the job's own retention).
 */
export function enqueueIdempotently(
  queues: JobStore,
  request: ValidEnqueueRequest,
  use: IdempotentEnqueue,
): Promise<IdempotentOutcome> {
  const { owner, traceparent } = use;
  return storeOnce<EnqueueAccepted>(queues, use, {
    type: request.type,
    claim: now => ({
      id: newJobId(request.type),
      type: request.type,
      ...(request.requestedType && { requestedType: request.requestedType }),
      status: delayOf(request, now) > 0 ? 'scheduled' : 'queued',
      createdAt: new Date(now).toISOString(),
    }),
    store: claimed =>
      enqueueJob(queues, request, { id: claimed.id, owner, traceparent }),
    current: recorded => currentAcceptance(queues, recorded),
  });
}

/** The record's acceptance, with the job's status now if it still exists. */
async function currentAcceptance(
  queues: JobStore,
  accepted: EnqueueAccepted,
): Promise<EnqueueAccepted> {
  try {
    const view = await getJobView(queues, accepted.id);
    return { ...accepted, status: view.status };
  } catch (error) {
    if (error instanceof JobNotFoundError) return accepted;
    throw error;
  }
}
