import { Router } from 'express';
import { parseEnqueueRequest } from '@errand/contracts';
import {
  admitJobs,
  enqueueIdempotently,
  enqueueJob,
  IDEMPOTENCY_HEADER,
  parseIdempotencyKey,
  type AdmissionLimits,
  type QueueSet,
} from '@errand/queue-core';
import { principalOf } from '../auth/authenticate';
import { assertMayEnqueue, ownerOf } from '../auth/may-enqueue';
import { jsonBody } from '../http/json-body';
import { requestContextOf } from '../http/request-context';

/**
 * `POST /enqueue`: check the body against the contract, store, answer 202.
 * With an `Idempotency-Key`, a repeat within the window answers 200 with the
 * first job instead of storing another, and the same key with another body
 * answers 409.
 *
 * @param idempotency - how long a key is remembered, and the secret that
 *   keys the hash of its body
 * @param admission - the per-type caps: past them, 429 `queue.full`
 */
export function enqueueRouter(
  queues: QueueSet,
  bodyLimit: string,
  idempotency: { windowMs?: number; secret: string | Buffer },
  admission: AdmissionLimits,
): Router {
  const router = Router();
  router.post('/enqueue', ...jsonBody(bodyLimit), async (req, res) => {
    const key = parseIdempotencyKey(req.get(IDEMPOTENCY_HEADER));
    const request = parseEnqueueRequest(req.body);
    const principal = principalOf(res);
    assertMayEnqueue(principal, request.type);
    await admitJobs(queues, request.type, 1, admission);
    const owner = ownerOf(principal);
    const traceparent = requestContextOf(res.locals)?.traceparent;
    const { accepted, created } = key
      ? await enqueueIdempotently(queues, request, {
          key,
          body: req.body,
          windowMs: idempotency.windowMs,
          secret: idempotency.secret,
          owner,
          traceparent,
        })
      : {
          accepted: await enqueueJob(queues, request, { owner, traceparent }),
          created: true,
        };
    if (!created) res.set('Idempotent-Replayed', 'true');
    res
      .status(created ? 202 : 200)
      .location(`/jobs/${accepted.id}`)
      .json(accepted);
  });
  return router;
}
