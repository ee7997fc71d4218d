import { randomUUID } from 'node:crypto';
import {
  jobCatalog,
  type EnqueueAccepted,
  type ValidEnqueueRequest,
} from '@errand/contracts';
import type { QueueSet } from '../queues/queue-set';
import type { JobEnvelope } from './job-envelope';
import { jobOptionsFor } from './job-options';

/** How {@link enqueueJob} stores a job. */
export interface EnqueueJobOptions {
  /**
   * The job's id, made by the caller beforehand (a UUID), e.g. to record it
   * under an idempotency key before the job exists. @defaultValue a new UUID
   */
  id?: string;
  /** The API key's name, stored as the job's {@link JobEnvelope.owner}. */
  owner?: string;
  /**
   * The W3C `traceparent` of the work that enqueues the job (an HTTP
   * request's span), stored so the job's attempts join that trace.
   */
  traceparent?: string;
}

/**
 * Adds a validated job to its type's queue under a new UUID. Resolves once
 * Redis has stored it: the returned id is then safe to hand to the client.
 */
export async function enqueueJob(
  queues: QueueSet,
  request: ValidEnqueueRequest,
  { id = randomUUID(), owner, traceparent }: EnqueueJobOptions = {},
): Promise<EnqueueAccepted> {
  const now = Date.now();
  const options = jobOptionsFor(id, request, now, queues.retention);
  const envelope: JobEnvelope = {
    payload: queues.cipher
      ? queues.cipher.seal({ type: request.type, jobId: id }, request.payload)
      : request.payload,
    version: jobCatalog[request.type].version,
    ...(owner && { owner }),
    ...(traceparent && { traceparent }),
    ...(request.requestedType && { requestedType: request.requestedType }),
  };
  // A write: acknowledged once the replicas hold it (queue-set.ts).
  const job = await queues.write(() =>
    queues.queueFor(request.type).add(request.type, envelope, options),
  );
  return {
    id,
    type: request.type,
    ...(request.requestedType && { requestedType: request.requestedType }),
    status: options.delay ? 'scheduled' : 'queued',
    createdAt: new Date(job.timestamp).toISOString(),
  };
}
