import {
  type EnqueueAccepted,
  IDEMPOTENCY_HEADER,
  parseIdempotencyKey,
  type ValidEnqueueRequest,
} from '@errand/contracts';
import type { Request, Response } from 'express';
import {
  admitJobs,
  enqueueIdempotently,
  enqueueJob,
  type AdmissionLimits,
  type IdempotentOutcome,
  type JobStore,
} from '@errand/queue-core';
import { principalOf } from '../auth/principal-of';
import { assertMayEnqueue, ownerOf } from '../auth/may-enqueue';
import { requestContextOf } from '../http/request-context';

/** What storing one job needs beside the request. */
export interface EnqueueSettings {
  /** How long a key is remembered, and the secret keying its body's hash. */
  idempotency: { windowMs?: number; secret: string | Buffer };
  /** The per-type caps: past them, 429 `queue.full`. */
  admission: AdmissionLimits;
}

/**
 * How a request with an `Idempotency-Key` is stored once: the key, the
 * body as sent (its hash is compared on a repeat), the window and secret,
 * who stores it and in which trace. Shared by jobs and flows.
 */
export function storeOnceOptions(
  key: string,
  req: Request,
  { idempotency }: EnqueueSettings,
  metadata: { owner?: string; traceparent?: string },
) {
  return {
    key,
    body: req.body as unknown,
    windowMs: idempotency.windowMs,
    secret: idempotency.secret,
    ...metadata,
  };
}

/**
 * The one sequence that stores a job from an HTTP request, for
 * `POST /enqueue` and every compatibility route, so they cannot drift:
 *
 * 1. read the `Idempotency-Key` (400 before the body is looked at);
 * 2. `parse` the body into the canonical request (the route's own shape);
 * 3. the key's type scope, against the catalog type (403);
 * 4. the type's queue cap (429);
 * 5. store: once per key and body (as sent) with an `Idempotency-Key`.
 */
export async function acceptEnqueue(
  queues: JobStore,
  req: Request,
  res: Response,
  parse: (body: unknown) => ValidEnqueueRequest,
  settings: EnqueueSettings,
): Promise<IdempotentOutcome> {
  const key = parseIdempotencyKey(req.get(IDEMPOTENCY_HEADER));
  const request = parse(req.body);
  const principal = principalOf(res);
  assertMayEnqueue(principal, request.type);
  await admitJobs(queues, request.type, 1, settings.admission);
  const metadata = {
    owner: ownerOf(principal),
    traceparent: requestContextOf(res.locals)?.traceparent,
  };
  return key
    ? enqueueIdempotently(
        queues,
        request,
        storeOnceOptions(key, req, settings, metadata),
      )
    : {
        accepted: await enqueueJob(queues, request, metadata),
        created: true,
      };
}

/**
 * Answers an enqueue: 202 for a new job, 200 with `Idempotent-Replayed`
 * for a repeat, `Location` where to read it, and the body `shape` makes of
 * the acceptance.
 */
export function sendAccepted<Accepted extends object = EnqueueAccepted>(
  res: Response,
  { accepted, created }: { accepted: Accepted; created: boolean },
  location: string,
  shape: (accepted: Accepted) => object = accepted => accepted,
): void {
  if (!created) res.set('Idempotent-Replayed', 'true');
  res
    .status(created ? 202 : 200)
    .location(location)
    .json(shape(accepted));
}
