import { Router } from 'express';
import { parseEnqueueBatch, type JobType } from '@errand/contracts';
import {
  admitJobs,
  enqueueBatch,
  type AdmissionLimits,
  type JobStore,
} from '@errand/queue-core';
import { principalOf } from '../auth/principal-of';
import { assertMayEnqueue, ownerOf } from '../auth/may-enqueue';
import { jsonBody } from '../http/json-body';
import { requestContextOf } from '../http/request-context';

/**
 * `POST /enqueue/batch`: check every job against the contract, all or
 * nothing, store them together, answer 202 with one entry per job in order.
 *
 * @param bodyLimit - the largest batch body: a full batch of 1 000 jobs
 *   needs far more than one `POST /enqueue` body.
 * @param admission - the per-type caps, checked for the whole batch
 */
export function enqueueBatchRouter(
  queues: JobStore,
  bodyLimit: string,
  admission: AdmissionLimits,
): Router {
  const router = Router();
  router.post('/enqueue/batch', ...jsonBody(bodyLimit), async (req, res) => {
    const requests = parseEnqueueBatch(req.body);
    const principal = principalOf(res);
    const perType = new Map<JobType, number>();
    for (const { type } of requests) {
      assertMayEnqueue(principal, type);
      perType.set(type, (perType.get(type) ?? 0) + 1);
    }
    for (const [type, count] of perType) {
      await admitJobs(queues, type, count, admission);
    }
    const jobs = await enqueueBatch(queues, requests, {
      owner: ownerOf(principal),
      traceparent: requestContextOf(res.locals)?.traceparent,
    });
    res.status(202).json({ jobs });
  });
  return router;
}
