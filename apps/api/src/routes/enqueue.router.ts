import { Router } from 'express';
import { parseEnqueueRequest } from '@errand/contracts';
import { enqueueJob, type QueueSet } from '@errand/queue-core';
import { jsonBody } from '../http/json-body';

/** `POST /enqueue`: check the body against the contract, store, answer 202. */
export function enqueueRouter(queues: QueueSet, bodyLimit: string): Router {
  const router = Router();
  router.post('/enqueue', ...jsonBody(bodyLimit), async (req, res) => {
    const request = parseEnqueueRequest(req.body);
    const accepted = await enqueueJob(queues, request);
    res.status(202).location(`/jobs/${accepted.id}`).json(accepted);
  });
  return router;
}
