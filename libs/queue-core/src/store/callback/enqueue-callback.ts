import {
  isJobType,
  jobCatalog,
  redactPayload,
  type CallbackEvent,
  type CallbackStatus,
  type JobView,
  type ValidEnqueueRequest,
} from '@errand/contracts';
import {
  childStatuses,
  countStatuses,
  jobKeyOf,
  readChildren,
} from '../flow/flow-children';
import type { JobEnvelope } from '../job-envelope';
import { derivedJobId } from '../job-id';
import { jobOptionsFor } from '../job-options';
import type { JobStore } from '../job-store';

/**
 * A job's callback: when it ends (succeeded, dead or cancelled) one
 * `webhook.deliver` job POSTs a {@link CallbackEvent} to the URL its
 * request named, so the SSRF guard, the signature, retries with backoff,
 * the dead-letter queue and redaction are the webhook's, unchanged.
 *
 * 1. where — the ending is seen where it happens: the worker's settle.ts
 *    (succeeded, dead, a running job cancelled) and admin's cancel-job.ts
 *    (a waiting job cancelled); both call {@link enqueueCallback} here;
 * 2. once — the delivery's id is derived from the ended job's id
 *    ({@link callbackDeliveryId}), and BullMQ stores a job id once, so a
 *    job settled twice (at-least-once) sends one callback;
 * 3. cost — a job without a callback costs no Redis command: callers look
 *    at the envelope they already hold;
 * 4. flows — a flow's root (any node with children) reports its
 *    children's counts by status, read when its callback is stored.
 */

/** The id of the `webhook.deliver` job that carries job `jobId`'s callback. */
export function callbackDeliveryId(jobId: string): string {
  return derivedJobId('webhook.deliver', `errand:callback:${jobId}`);
}

/**
 * What a receiver is shown of the ended job: its view with sensitive
 * fields redacted, without the timeline (which names workers) and
 * without stack traces, as a producer key reads it.
 */
function publicView(view: JobView): JobView {
  const { timeline: _timeline, ...rest } = view;
  return {
    ...rest,
    payload: redactPayload(view.type, view.payload),
    lastError: view.lastError && { ...view.lastError, stack: null },
  };
}

/** `view` with its children counted by status, for a job that has some. */
async function withChildCounts(
  store: Pick<JobStore, 'connection' | 'naming' | 'queueFor'>,
  envelope: JobEnvelope,
  view: JobView,
): Promise<JobView> {
  if (!envelope.hasChildren || !isJobType(view.type)) return view;
  const key = jobKeyOf(store, view.type, view.id);
  const statuses = await childStatuses(store, await readChildren(store, key));
  return {
    ...view,
    children: { total: statuses.length, counts: countStatuses(statuses) },
  };
}

/**
 * Stores the delivery of the ending `view` describes (its status one of
 * succeeded, dead or cancelled) to the callback of the job whose envelope
 * is `envelope`; nothing when it has none, or when this process has no
 * signing secret. Stored under the job's owner, so its producer may read
 * the delivery too. Storing it again is a no-op.
 */
export async function enqueueCallback(
  store: Pick<
    JobStore,
    | 'callbackSecret'
    | 'cipher'
    | 'connection'
    | 'naming'
    | 'queueFor'
    | 'retention'
  >,
  envelope: JobEnvelope,
  view: JobView & { status: CallbackStatus },
): Promise<void> {
  const { callback } = envelope;
  if (!callback || !store.callbackSecret) return;
  const id = callbackDeliveryId(view.id);
  const body: CallbackEvent = {
    event: 'job.ended',
    jobId: view.id,
    status: view.status,
    job: publicView(await withChildCounts(store, envelope, view)),
  };
  const request: ValidEnqueueRequest = {
    type: 'webhook.deliver',
    payload: { url: callback.url, body, secret: store.callbackSecret },
  };
  const data: JobEnvelope = {
    payload: store.cipher
      ? store.cipher.seal({ type: request.type, jobId: id }, request.payload)
      : request.payload,
    version: jobCatalog[request.type].version,
    ...(envelope.owner && { owner: envelope.owner }),
    ...(envelope.traceparent && { traceparent: envelope.traceparent }),
  };
  await store
    .queueFor(request.type)
    .add(
      request.type,
      data,
      jobOptionsFor(id, request, Date.now(), store.retention),
    );
}
