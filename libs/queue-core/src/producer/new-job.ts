import type { JobsOptions } from 'bullmq';
import {
  jobCatalog,
  type EnqueueAccepted,
  type ValidEnqueueRequest,
} from '@errand/contracts';
import type { JobStore } from '../store/job-store';
import type { JobEnvelope } from '../store/job-envelope';
import { jobOptionsFor } from '../store/job-options';

/** Who enqueues a job and in which trace: stored in its envelope. */
export interface NewJobMetadata {
  /** The API key's name, stored as the job's {@link JobEnvelope.owner}. */
  owner?: string;
  /**
   * The W3C `traceparent` of the work that enqueues the job (an HTTP
   * request's span), stored so the job's attempts join that trace.
   */
  traceparent?: string;
}

/** One job as it is about to be stored: BullMQ's options and its data. */
export interface NewJob {
  options: JobsOptions;
  envelope: JobEnvelope;
}

/**
 * What {@link enqueueJob} and {@link enqueueBatch} store for one request,
 * built in one place so a single job and a batch's jobs cannot differ: the
 * options for its id, and the envelope, its payload sealed (when the set
 * has a cipher) to the job's type and id, so the id must be chosen first.
 */
export function newJob(
  queues: Pick<JobStore, 'cipher' | 'retention'>,
  id: string,
  request: ValidEnqueueRequest,
  now: number,
  { owner, traceparent }: NewJobMetadata,
): NewJob {
  return {
    options: jobOptionsFor(id, request, now, queues.retention),
    envelope: {
      payload: queues.cipher
        ? queues.cipher.seal({ type: request.type, jobId: id }, request.payload)
        : request.payload,
      version: jobCatalog[request.type].version,
      ...(owner && { owner }),
      ...(traceparent && { traceparent }),
      ...(request.requestedType && { requestedType: request.requestedType }),
      ...(request.concurrencyKey && { concurrencyKey: request.concurrencyKey }),
      ...(request.callback && { callback: request.callback }),
    },
  };
}

/** The answer for a stored job: `createdAt` is BullMQ's timestamp, in ms. */
export function acceptedJob(
  id: string,
  request: ValidEnqueueRequest,
  { options }: NewJob,
  createdAt: number,
): EnqueueAccepted {
  return {
    id,
    type: request.type,
    ...(request.requestedType && { requestedType: request.requestedType }),
    status: options.delay ? 'scheduled' : 'queued',
    createdAt: new Date(createdAt).toISOString(),
  };
}
