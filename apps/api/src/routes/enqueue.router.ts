import { Router } from 'express';
import { parseEnqueueRequest } from '@errand/contracts';
import type { AdmissionLimits, JobStore } from '@errand/queue-core';
import { jsonBody } from '../http/json-body';
import { acceptEnqueue, sendAccepted } from './accept-enqueue';

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
  queues: JobStore,
  bodyLimit: string,
  idempotency: { windowMs?: number; secret: string | Buffer },
  admission: AdmissionLimits,
): Router {
  const router = Router();
  router.post('/enqueue', ...jsonBody(bodyLimit), async (req, res) => {
    const settings = { idempotency, admission };
    const outcome = await acceptEnqueue(
      queues,
      req,
      res,
      parseEnqueueRequest,
      settings,
    );
    sendAccepted(res, outcome, `/jobs/${outcome.accepted.id}`);
  });
  return router;
}
