import { randomUUID } from 'node:crypto';
import {
  jobCatalog,
  type EnqueueAccepted,
  type ValidEnqueueRequest,
} from '@errand/contracts';
import type { QueueSet } from '../queues/queue-set';
import type { JobEnvelope } from './job-envelope';
import { jobOptionsFor } from './job-options';

/**
 * Adds a validated job to its type's queue under a new UUID. Resolves once
 * Redis has stored it: the returned id is then safe to hand to the client.
 */
export async function enqueueJob(
  queues: QueueSet,
  request: ValidEnqueueRequest,
): Promise<EnqueueAccepted> {
  const id = randomUUID();
  const now = Date.now();
  const options = jobOptionsFor(id, request, now);
  const envelope: JobEnvelope = {
    payload: queues.cipher
      ? queues.cipher.seal(request.type, request.payload)
      : request.payload,
    version: jobCatalog[request.type].version,
  };
  await queues.run(() =>
    queues.queueFor(request.type).add(request.type, envelope, options),
  );
  return {
    id,
    type: request.type,
    status: options.delay ? 'scheduled' : 'queued',
    createdAt: new Date(now).toISOString(),
  };
}
